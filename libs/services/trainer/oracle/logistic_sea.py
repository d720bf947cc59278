"""scikit-learn's accuracy on the SEA rows of src/ml/logistic.spec.ts (run with /usr/bin/python3: numpy + scikit-learn).

Rebuilds the spec's rows bit for bit (mulberry32 = seededRandom of @tideline/runtime, the same draws in the same order),
fits LogisticRegression on the standardized numeric features + one-hot country (C = 1e4: the trainer's l2 is 0)
and prints the accuracy per country on the spec's noiseless grid. The spec holds these figures as constants.
"""
import json, sys
import numpy as np
from sklearn.linear_model import LogisticRegression

def mulberry32(seed):
    a = seed & 0xFFFFFFFF
    def imul(x, y): return (x * y) & 0xFFFFFFFF
    def rnd():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296
    return rnd

COUNTRIES = ['US', 'BR', 'DE']
THETA = {'US': 10, 'BR': 10, 'DE': 6}

def sea_rows(n, seed, noise=0.05):
    r = mulberry32(seed); rows = []
    for _ in range(n):
        f1, f2, f3 = 10 * r(), 10 * r(), 10 * r()
        country = COUNTRIES[int(r() * 3)]
        truth = f1 + f2 <= THETA[country]
        rows.append((f1, f2, f3, country, (not truth) if r() < noise else truth))
    return rows

def grid(country):
    return [(i / 4, j / 4, 5.0, country, i / 4 + j / 4 <= THETA[country]) for i in range(41) for j in range(41)]

def matrix(rows, mean, std):
    num = (np.array([[r[0], r[1], r[2]] for r in rows], dtype=np.float32).astype(np.float64) - mean) / std
    return np.hstack([num, np.array([[1.0 * (r[3] == c) for c in COUNTRIES] for r in rows])]), np.array([r[4] for r in rows])

n, seed = int(sys.argv[1]), int(sys.argv[2])
train = sea_rows(n, seed)
raw = np.array([[r[0], r[1], r[2]] for r in train], dtype=np.float32).astype(np.float64)
mean, std = raw.mean(0), raw.std(0)
X, y = matrix(train, mean, std)
model = LogisticRegression(C=1e4, max_iter=10000, tol=1e-10).fit(X, y)
out = {}
for c in COUNTRIES:
    Xg, yg = matrix(grid(c), mean, std)
    out[c] = round(float((model.predict(Xg) == yg).mean()), 4)
print(json.dumps(out))
