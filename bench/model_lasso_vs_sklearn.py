#!/usr/bin/env python3
"""Peer side of bench/model_lasso_vs_sklearn.sh: data generation and scikit-learn timing."""
import json
import subprocess
import sys
import time

import numpy as np


def make_data(path, n=500, p=1500, seed=20240611):
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(n, 20))
    x = latent @ rng.normal(size=(20, p)) * 0.5 + rng.normal(size=(n, p))
    x = (x - x.mean(0)) / x.std(0)
    beta = np.zeros(p)
    beta[rng.choice(p, 10, replace=False)] = rng.normal(0, 1.0, 10)
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-(x @ beta)))).astype(int)
    # Stratified folds (seeded): each class shuffled and dealt round-robin.
    fold = np.zeros(n, dtype=int)
    counter = 0
    for cls in (0, 1):
        idx = rng.permutation(np.where(y == cls)[0])
        for i in idx:
            fold[i] = counter % 10
            counter += 1
    with open(path, "w") as f:
        f.write("id,fold,y," + ",".join("f%04d" % j for j in range(p)) + "\n")
        for i in range(n):
            f.write("s%03d,%d,%d," % (i, fold[i], y[i]) + ",".join("%.17g" % v for v in x[i]) + "\n")
    return x, y, fold


def sklearn_side(x, y, fold, lambdas, n):
    from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
    from sklearn.model_selection import PredefinedSplit
    n_train = n - np.bincount(fold).max()
    lambdas = np.asarray(lambdas)
    t0 = time.perf_counter()
    # glmnet's objective per fold is -loglik/n_train + λ‖β‖₁, i.e. C = 1/(n_train·λ).
    cv = LogisticRegressionCV(Cs=list(1 / (n_train * lambdas)), cv=PredefinedSplit(fold), penalty="l1",
                              solver="saga", scoring="neg_log_loss", refit=False, max_iter=1000, tol=1e-4,
                              n_jobs=1, random_state=0)
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cv.fit(x, y)
        scores = cv.scores_[1].mean(axis=0)  # mean neg log loss per C
        best = int(np.argmax(scores))
        C_best = cv.Cs_[best]
        lam_best = 1 / (n_train * C_best)
        final = LogisticRegression(penalty="l1", solver="saga", C=1 / (n * lam_best), max_iter=1000, tol=1e-4,
                                   random_state=0).fit(x, y)
    seconds = time.perf_counter() - t0
    # Map C index back to λ index (Cs_ keeps the given order).
    return seconds, lam_best, final.coef_[0]


def converged_check(x, y, fold, lambdas, index, n, window=2, tol=1e-6):
    """scikit-learn's λ-min and selection over the grid points index±window, solved to `tol`.

    saga at LogisticRegressionCV's tol=1e-4 stops far from the optimum (its CV deviance moves in
    the 4th digit), which can move λ-min by a grid step; this re-runs the same CV, same folds,
    only around the minimum, converged, and refits at its λ-min."""
    from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
    from sklearn.model_selection import PredefinedSplit
    import warnings
    n_train = n - np.bincount(fold).max()
    lo, hi = max(0, index - window), min(len(lambdas), index + window + 1)
    lam = np.asarray(lambdas[lo:hi])
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cv = LogisticRegressionCV(Cs=list(1 / (n_train * lam)), cv=PredefinedSplit(fold), penalty="l1",
                                  solver="saga", scoring="neg_log_loss", refit=False, max_iter=1_000_000, tol=tol,
                                  n_jobs=1, random_state=0).fit(x, y)
        scores = cv.scores_[1].mean(axis=0)
        best = int(np.argmax(scores))
        final = LogisticRegression(penalty="l1", solver="saga", C=1 / (n * lam[best]), max_iter=1_000_000, tol=tol,
                                   random_state=0).fit(x, y)
    return time.perf_counter() - t0, lo + best, -2 * scores, final.coef_[0]


def main():
    data, out = sys.argv[1], sys.argv[2]
    x, y, fold = make_data(data)
    subprocess.run(sys.argv[3:], check=True)
    swift = json.load(open(out))
    seconds, lam_best, coef = sklearn_side(x, y, fold, swift["lambdas"], len(y))
    sel_sk = {"f%04d" % j for j in np.nonzero(coef)[0]}
    sel_sw = set(swift["selected"])
    jac = len(sel_sk & sel_sw) / max(1, len(sel_sk | sel_sw))
    t_swift = min(swift["seconds"])
    print("RadVault L1-logistic path (100 λ) + 10-fold CV, 500 × 1500: %.3f s (best of 3: %s)"
          % (t_swift, ", ".join("%.3f" % s for s in swift["seconds"])))
    print("scikit-learn LogisticRegressionCV(l1, saga, 100 Cs, same folds) + refit: %.3f s" % seconds)
    print("speed ratio (sklearn / RadVault): %.1fx" % (seconds / t_swift))
    lam_sw = swift["lambdas"][swift["index_min"]]
    print("λ-min: RadVault %.6g (index %d), scikit-learn %.6g" % (lam_sw, swift["index_min"], lam_best))
    print("selected at λ-min: RadVault %d, scikit-learn %d, common %d, Jaccard %.3f, identical: %s"
          % (len(sel_sw), len(sel_sk), len(sel_sk & sel_sw), jac, sel_sk == sel_sw))
    seconds_c, index_c, dev_c, coef_c = converged_check(x, y, fold, swift["lambdas"], swift["index_min"], len(y))
    sel_c = {"f%04d" % j for j in np.nonzero(coef_c)[0]}
    print("scikit-learn converged (saga tol 1e-6, λ_%d…λ_%d, same folds; %.0f s): CV deviance %s"
          % (max(0, swift["index_min"] - 2), swift["index_min"] + 2, seconds_c, " ".join("%.6f" % d for d in dev_c)))
    print("converged λ-min: scikit-learn index %d, RadVault index %d; selected: scikit-learn %d, RadVault %d, "
          "identical: %s" % (index_c, swift["index_min"], len(sel_c), len(sel_sw), sel_c == sel_sw))
    print("RadVault CV digest:", swift["digest"])


if __name__ == "__main__":
    main()
