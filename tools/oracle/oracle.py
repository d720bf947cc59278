#!/usr/bin/env python3
"""The metric oracle: synthetic traffic and the values scikit-learn and SciPy compute for it.

    python3 tools/oracle/oracle.py check      # recompute `expected` from the vendored traffic and compare
    python3 tools/oracle/oracle.py recompute  # rewrite `expected` in the vendored file from its traffic
    python3 tools/oracle/oracle.py generate --seed 7 [--out FILE]   # new traffic, then its expected values

Needs numpy, scipy and scikit-learn (Debian: apt-get install python3-sklearn python3-scipy, then run it with /usr/bin/python3);
the vendored file was computed with scikit-learn 1.2 and SciPy 1.10. Definitions: libs/testing/oracle/README.md.
"""
import argparse
import json
import math
import os
import sys

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon
from sklearn import metrics as skm

HERE = os.path.dirname(os.path.abspath(__file__))
VENDORED = os.path.join(HERE, '..', '..', 'libs', 'testing', 'oracle', 'binary-and-regression.json')
T0 = 1767225600000  # 2026-01-01T00:00:00Z
DAY_MS = 86_400_000
COUNTRIES = ['US', 'DE', 'IN', 'BR', 'JP']
DEVICES = ['ios', 'web', 'android']
SLICES = ['all'] + [f'country={c}' for c in COUNTRIES] + ['country=BR,device=ios']


def in_slice(p, name):
    if name == 'all':
        return True
    return all(p[k] == v for k, v in (part.split('=') for part in name.split(',')))


def ece(scores, labels, bins=10):
    idx = np.minimum((scores * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = idx == b
        if mask.any():
            total += mask.mean() * abs(scores[mask].mean() - labels[mask].mean())
    return float(total)


def psi(ref, cur):
    # 0.1·i, not i/10: the edges are those of Tideline's SQL (`(n - 1) · q` with the same doubles).
    edges = np.quantile(ref, [0.1 * i for i in range(1, 10)])
    # A value equal to an edge counts in the upper bin.
    r = np.bincount(np.searchsorted(edges, ref, side='right'), minlength=10) / len(ref)
    c = np.bincount(np.searchsorted(edges, cur, side='right'), minlength=10) / len(cur)
    r, c = np.maximum(r, 1e-4), np.maximum(c, 1e-4)
    return float(np.sum((c - r) * np.log(c / r)))


def classification(rows, labels):
    labeled = [(p, labels[p['id']]) for p in rows if p['id'] in labels]
    y = np.array([l['label'] for _, l in labeled])
    s = np.array([p['score'] for p, _ in labeled])
    pred = (s >= 0.5).astype(int)
    return {
        'count': len(rows), 'labeledCount': len(labeled),
        'accuracy': skm.accuracy_score(y, pred), 'precision': skm.precision_score(y, pred),
        'recall': skm.recall_score(y, pred), 'f1': skm.f1_score(y, pred),
        'rocAuc': skm.roc_auc_score(y, s), 'prAuc': skm.average_precision_score(y, s),
        'logLoss': skm.log_loss(y, s), 'brier': skm.brier_score_loss(y, s),
        'positiveRate': float(pred.mean()), 'labelPositiveRate': float(y.mean()), 'ece': ece(s, y),
    }


def regression(rows, labels):
    labeled = [(p, labels[p['id']]) for p in rows if p['id'] in labels]
    y = np.array([l['regLabel'] for _, l in labeled])
    yhat = np.array([p['regPrediction'] for p, _ in labeled])
    return {'mae': skm.mean_absolute_error(y, yhat), 'rmse': math.sqrt(skm.mean_squared_error(y, yhat)), 'r2': skm.r2_score(y, yhat)}


def drift(ref_rows, cur_rows):
    out = {}
    for f in ['x1', 'x2', 'score']:
        ref = np.array([p[f] for p in ref_rows])
        cur = np.array([p[f] for p in cur_rows])
        ks = stats.ks_2samp(ref, cur)
        out[f] = {'ks': float(ks.statistic), 'ksPValue': float(ks.pvalue), 'wasserstein': float(stats.wasserstein_distance(ref, cur)), 'psi': psi(ref, cur)}
    cats = sorted({p['device'] for p in ref_rows + cur_rows})
    r = np.array([sum(p['device'] == c for p in ref_rows) for c in cats], dtype=float)
    c = np.array([sum(p['device'] == c for p in cur_rows) for c in cats], dtype=float)
    chi2 = stats.chi2_contingency(np.vstack([r, c]), correction=False)
    out['device'] = {'jensenShannon': float(jensenshannon(r / r.sum(), c / c.sum(), base=2)), 'chi2PValue': float(chi2[1])}
    return out


def expected(data):
    labels = {}
    for f in sorted(data['feedback'], key=lambda f: f['ts']):  # the latest label wins
        labels[f['predictionId']] = f
    day = lambda i: [p for p in data['predictions'] if data['t0'] + i * data['dayMs'] <= p['ts'] < data['t0'] + (i + 1) * data['dayMs']]
    days = [day(0), day(1)]
    result = {'classification': {}, 'regression': {}, 'drift': {}}
    for i, rows in enumerate(days):
        for s in SLICES:
            part = [p for p in rows if in_slice(p, s)]
            result['classification'][f'day{i}/{s}'] = classification(part, labels)
            result['regression'][f'day{i}/{s}'] = regression(part, labels)
    for s in SLICES:
        result['drift'][s] = drift([p for p in days[0] if in_slice(p, s)], [p for p in days[1] if in_slice(p, s)])
    return result


def generate(seed):
    """Two days of traffic; on day 1, x1 drifts for BR only and the classifier degrades there."""
    rng = np.random.default_rng(seed)
    predictions, feedback = [], []
    for n in range(8000):
        d = n // 4000
        country, device = COUNTRIES[rng.integers(5)], DEVICES[rng.integers(3)]
        drifted = d == 1 and country == 'BR'
        x1 = rng.normal(0.6 if drifted else 0.0, 1.0)
        x2 = rng.normal(0.0, 1.0)
        logit = 1.2 * x1 - 0.8 * x2 + rng.normal(0, 1)
        truth = int(logit > 0)
        score = 1 / (1 + math.exp(-(1.2 * (-x1 if drifted else x1) - 0.8 * x2)))
        ts = T0 + d * DAY_MS + int(rng.integers(DAY_MS))
        pid = f'p-{seed}-{n:07d}'
        predictions.append({'id': pid, 'ts': ts, 'country': country, 'device': device, 'x1': x1, 'x2': x2, 'score': score, 'regPrediction': 0.5 * x1 - x2})
        if rng.random() < 0.7:
            feedback.append({'predictionId': pid, 'ts': ts + int(rng.integers(3_600_000, 5 * 3_600_000)), 'label': truth, 'regLabel': x1 - 0.9 * x2 + rng.normal(0, 1)})
    return {'t0': T0, 'dayMs': DAY_MS, 'predictions': predictions, 'feedback': feedback}


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('command', choices=['check', 'recompute', 'generate'])
    parser.add_argument('--seed', type=int, default=7)
    parser.add_argument('--file', default=VENDORED)
    parser.add_argument('--out')
    args = parser.parse_args()
    if args.command == 'generate':
        data = generate(args.seed)
        data['expected'] = expected(data)
        with open(args.out or args.file, 'w') as f:
            json.dump(data, f)
        return 0
    with open(args.file) as f:
        data = json.load(f)
    fresh = expected(data)
    if args.command == 'recompute':
        data['expected'] = fresh
        with open(args.file, 'w') as f:
            json.dump(data, f)
        return 0
    bad = 0
    for group, entries in fresh.items():
        for key, values in entries.items():
            for name, value in (values.items() if group != 'drift' else ((f'{feat}.{k}', v) for feat, d in values.items() for k, v in d.items())):
                old = data['expected'][group][key]
                old = old[name.split('.')[0]][name.split('.')[1]] if group == 'drift' else old[name]
                if not close(old, value):
                    bad += 1
                    print(f'{group} {key} {name}: file {old} recomputed {value}')
    print(f'{"OK" if bad == 0 else "MISMATCH"}: {bad} values differ')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
