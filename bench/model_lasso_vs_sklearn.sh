#!/usr/bin/env bash
# L1-logistic path (100 λ) with 10-fold CV on 500 subjects × 1,500 features (seeded synthetic):
# RadVault vs scikit-learn LogisticRegressionCV(penalty="l1", solver="saga") on the same data and
# the same folds. Prints the time ratio and whether the features selected at λ-min agree: first for
# scikit-learn as timed (saga, tol 1e-4, which stops before its CV deviance is settled), then for
# scikit-learn converged (tol 1e-6) over the five grid points around λ-min (about 10 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x bench/.venv/bin/python ]; then python3 -m venv bench/.venv; fi
bench/.venv/bin/pip install -q numpy "scikit-learn==1.9.1"
mkdir -p bench/out
swift build -c release -Xswiftc -enable-testing --build-tests >/dev/null
export RADVAULT_BENCH=1 RADVAULT_BENCH_DATA="$PWD/bench/out/lasso_data.csv" RADVAULT_BENCH_OUT="$PWD/bench/out/lasso_swift.json"
bench/.venv/bin/python bench/model_lasso_vs_sklearn.py "$RADVAULT_BENCH_DATA" "$RADVAULT_BENCH_OUT" \
    swift test -c release -Xswiftc -enable-testing --skip-build --filter BenchmarkLasso
