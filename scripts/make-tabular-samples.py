#!/usr/bin/env python3
"""Writes the small CSVs of Samples/Tabular (the primer's chapter-I models) with a fixed seed.

Each file is synthetic but learnable: a known rule plus noise, so a trained model beats a constant predictor and a
test can assert it. Run from the repository root: `/usr/bin/python3 scripts/make-tabular-samples.py` (standard
library only; the output is the same on every run and every machine).
"""
import csv
import math
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Samples", "Tabular", "data")
rng = random.Random(20261201)


def write(name, header, rows):
    split = int(len(rows) * 0.8)
    for part, chunk in (("train", rows[:split]), ("test", rows[split:])):
        with open(os.path.join(OUT, f"{name}-{part}.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            for row in chunk:
                w.writerow([f"{v:.4f}" if isinstance(v, float) else v for v in row])


def gauss_row(n):
    return [rng.gauss(0.0, 1.0) for _ in range(n)]


# House prices: 13 features (Boston-style names), price = linear rule + a mild interaction + noise (thousands).
names = ["crim", "zn", "indus", "chas", "nox", "rm", "age", "dis", "rad", "tax", "ptratio", "b", "lstat"]
weights = [-0.9, 0.6, -0.3, 0.4, -1.1, 3.2, -0.2, -1.4, 0.8, -0.9, -1.8, 0.5, -3.6]
rows = []
for _ in range(500):
    x = gauss_row(13)
    price = 22.5 + sum(w * v for w, v in zip(weights, x)) + 0.8 * x[5] * x[12] + rng.gauss(0.0, 1.0)
    rows.append(x + [price])
write("houses", names + ["price"], rows)

# Binary: diabetes-style, 8 measurements; positive when a weighted score plus noise is above 0.
names = ["pregnancies", "glucose", "pressure", "skin", "insulin", "bmi", "pedigree", "age"]
weights = [0.4, 1.6, 0.2, 0.1, 0.5, 1.0, 0.6, 0.7]
rows = []
for _ in range(500):
    x = gauss_row(8)
    score = sum(w * v for w, v in zip(weights, x)) - 0.3 + rng.gauss(0.0, 0.5)
    rows.append(x + [1 if score > 0 else 0])
write("diabetes", names + ["outcome"], rows)

# Multi-class: iris-style, 4 measurements around three class centres; the class column holds names.
centres = {"setosa": [-1.5, 1.0, -2.0, -1.8], "versicolor": [0.2, -0.8, 0.4, 0.2], "virginica": [1.3, -0.2, 1.6, 1.6]}
rows = []
for _ in range(450):
    species = rng.choice(sorted(centres))
    rows.append([c + rng.gauss(0.0, 0.6) for c in centres[species]] + [species])
write("iris", ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"], rows)

# Multi-label: 10 features, 5 labels; label j is on when features j and j + 5 add up to more than 0.
rows = []
for _ in range(600):
    x = gauss_row(10)
    labels = [1 if x[j] + x[j + 5] + rng.gauss(0.0, 0.3) > 0 else 0 for j in range(5)]
    rows.append(x + labels)
write("labels", [f"f{i}" for i in range(10)] + [f"label{j}" for j in range(5)], rows)

# Multi-output: 3 measures; age group (5 classes, by the first measure) and gender (2 classes, by the others).
rows = []
for _ in range(600):
    x = gauss_row(3)
    group = min(4, max(0, int(math.floor((x[0] + 2.5) / 1.0))))
    gender = 1 if x[1] - 0.7 * x[2] + rng.gauss(0.0, 0.3) > 0 else 0
    rows.append(x + [group, gender])
write("people", ["height", "weight", "waist", "age_group", "gender"], rows)
