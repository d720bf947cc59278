#!/usr/bin/env python3
"""The offline-evaluation oracle: rows as `POST /v1/evaluations/offline` takes them, with scikit-learn's values.

    /usr/bin/python3 tools/oracle/offline_oracle.py [--seed 11] [--out FILE]   # writes libs/testing/oracle/offline-evaluation.json
    /usr/bin/python3 tools/oracle/offline_oracle.py check                       # recomputes `expected` from the vendored rows and compares

For each task (BINARY, MULTICLASS, REGRESSION): 1,500 rows of two variants (`model` and a naive `baseline`: the
prior, the majority class, the mean), slices `tags.country` (every row) and `features.plan` (most rows), and
`expected[task][variant][slice][metric]` for the whole body (slice "") and every `field=value`, over the rows
of that variant. Definitions as in the README beside the vendored file (threshold 0.5, macro averages over the
classes seen, log loss clipped at the float64 epsilon, ECE with 10 bins).
"""
import argparse
import json
import math
import os
import sys

import numpy as np
from sklearn import metrics as skm

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import ece  # noqa: E402  (the same ECE as the traffic oracle)

HERE = os.path.dirname(os.path.abspath(__file__))
VENDORED = os.path.join(HERE, '..', '..', 'libs', 'testing', 'oracle', 'offline-evaluation.json')
COUNTRIES = ['US', 'DE', 'BR']
PLANS = ['free', 'pro']
CLASSES = ['a', 'b', 'c']
N = 1500


def binary(rows):
    y = np.array([int(r['label']['positive']) for r in rows])
    s = np.array([r['output']['score'] for r in rows])
    pred = (s >= 0.5).astype(int)
    return {
        'ACCURACY': skm.accuracy_score(y, pred), 'PRECISION': skm.precision_score(y, pred, zero_division=0),
        'RECALL': skm.recall_score(y, pred), 'F1': skm.f1_score(y, pred, zero_division=0),
        'ROC_AUC': skm.roc_auc_score(y, s), 'PR_AUC': skm.average_precision_score(y, s),
        'LOG_LOSS': skm.log_loss(y, s, labels=[0, 1]), 'BRIER': skm.brier_score_loss(y, s), 'ECE': ece(s, y),
    }


def multiclass(rows):
    y = [r['label']['class'] for r in rows]
    pred = [r['output']['predictedClass'] for r in rows]
    probs = np.array([[r['output']['probabilities'][c] for c in CLASSES] for r in rows])
    out = {'ACCURACY': skm.accuracy_score(y, pred), 'LOG_LOSS': skm.log_loss(y, probs, labels=CLASSES)}
    for name, fn in [('PRECISION', skm.precision_score), ('RECALL', skm.recall_score), ('F1', skm.f1_score)]:
        out[name] = fn(y, pred, average='macro', zero_division=0)
    return out


def regression(rows):
    y = np.array([r['label']['value'] for r in rows])
    yhat = np.array([r['output']['value'] for r in rows])
    return {
        'MAE': skm.mean_absolute_error(y, yhat), 'RMSE': math.sqrt(skm.mean_squared_error(y, yhat)),
        'R2': skm.r2_score(y, yhat), 'MAPE': skm.mean_absolute_percentage_error(y, yhat),
    }


COMPUTE = {'BINARY': binary, 'MULTICLASS': multiclass, 'REGRESSION': regression}


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def generate(seed):
    rng = np.random.default_rng(seed)
    rows = {'BINARY': [], 'MULTICLASS': [], 'REGRESSION': []}
    for _ in range(N):
        country = COUNTRIES[rng.integers(len(COUNTRIES))]
        slices = {'tags.country': country}
        if rng.random() < 0.8:
            slices['features.plan'] = PLANS[rng.integers(len(PLANS))]
        x = rng.normal(0.0, 1.0)
        hard = country == 'BR'  # the model is worse there
        # Binary: a logistic score, noisier for BR.
        truth = bool(x + rng.normal(0, 1.5 if hard else 0.7) > 0)
        rows['BINARY'].append({'variant': 'model', 'output': {'score': float(1 / (1 + math.exp(-1.5 * x)))}, 'label': {'positive': truth}, 'slices': slices})
        # Multiclass: three classes from x; the model's probabilities a softmax of a noisy view of it.
        cls = CLASSES[0 if x < -0.4 else 1 if x < 0.4 else 2]
        view = x + rng.normal(0, 0.8 if hard else 0.3)
        p = softmax(np.array([-2.0 * view, 0.5 - abs(view) * 2.0, 2.0 * view]))
        probabilities = {c: float(v) for c, v in zip(CLASSES, p)}
        rows['MULTICLASS'].append({'variant': 'model', 'output': {'probabilities': probabilities, 'predictedClass': CLASSES[int(np.argmax(p))]}, 'label': {'class': cls}, 'slices': slices})
        # Regression: y = 3x + 10 + noise, labels away from 0 so MAPE is tame.
        y = 3 * x + 10 + rng.normal(0, 1)
        rows['REGRESSION'].append({'variant': 'model', 'output': {'value': float(3 * x + 10 + rng.normal(0, 2 if hard else 0.5))}, 'label': {'value': float(y)}, 'slices': slices})
    # The naive baselines, fitted on the rows themselves: the prior, the majority class with the class shares, the mean.
    prior = float(np.mean([r['label']['positive'] for r in rows['BINARY']]))
    shares = {c: float(np.mean([r['label']['class'] == c for r in rows['MULTICLASS']])) for c in CLASSES}
    majority = max(CLASSES, key=lambda c: shares[c])
    mean = float(np.mean([r['label']['value'] for r in rows['REGRESSION']]))
    baseline = {'BINARY': {'score': prior}, 'MULTICLASS': {'probabilities': shares, 'predictedClass': majority}, 'REGRESSION': {'value': mean}}
    for task in rows:
        rows[task] += [{**r, 'variant': 'baseline', 'output': baseline[task]} for r in rows[task]]
    return {'seed': seed, 'rows': rows}


def expected(data):
    result = {}
    for task, rows in data['rows'].items():
        result[task] = {}
        for variant in ['model', 'baseline']:
            mine = [r for r in rows if r['variant'] == variant]
            keys = sorted({f'{f}={v}' for r in mine for f, v in r['slices'].items()})
            groups = {'': mine, **{k: [r for r in mine if f'{k.split("=")[0]}={r["slices"].get(k.split("=")[0])}' == k] for k in keys}}
            result[task][variant] = {k: {'sampleCount': len(g), **{m: float(v) for m, v in COMPUTE[task](g).items()}} for k, g in groups.items()}
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('command', nargs='?', default='generate', choices=['generate', 'check'])
    parser.add_argument('--seed', type=int, default=11)
    parser.add_argument('--out', default=VENDORED)
    args = parser.parse_args()
    if args.command == 'check':
        with open(VENDORED) as f:
            data = json.load(f)
        again = expected(data)
        bad = [(t, v, s, m) for t in again for v in again[t] for s in again[t][v] for m, x in again[t][v][s].items()
               if not math.isclose(x, data['expected'][t][v][s][m], rel_tol=1e-9, abs_tol=1e-12)]
        print('all agree' if not bad else f'{len(bad)} differ: {bad[:5]}')
        sys.exit(1 if bad else 0)
    data = generate(args.seed)
    data['expected'] = expected(data)
    with open(args.out, 'w') as f:
        json.dump(data, f, separators=(',', ':'))
    print(f'wrote {args.out}')


if __name__ == '__main__':
    main()
