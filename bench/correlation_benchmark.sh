#!/usr/bin/env bash
# Feature x gene correlation (1,500 x 20,000 x 300 samples) with p-values and BH q-values, one
# core: RadVault (Swift, release) vs numpy/scipy/statsmodels in the same run; prints the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
[ -x bench/.venv/bin/python ] || { python3 -m venv bench/.venv && bench/.venv/bin/pip install -q numpy scipy statsmodels; }
swift build -c release -Xswiftc -enable-testing --build-tests >/dev/null
bench/.venv/bin/python bench/correlation_peer.py | tee bench/out/corr_py.log
RADVAULT_BENCH=1 RADVAULT_BENCH_CORRELATION=1 swift test -c release -Xswiftc -enable-testing --skip-build \
  --filter "BenchmarkTests/correlationBenchmark" >bench/out/corr_swift.log 2>&1
grep RADVAULT_CORRELATION_BENCH bench/out/corr_swift.log
python3 - <<'PY'
import re
def kv(path, tag):
    line = next(l for l in open(path) if tag in l)
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", line)}
p = kv("bench/out/corr_py.log", "PY_CORRELATION_BENCH"); s = kv("bench/out/corr_swift.log", "RADVAULT_CORRELATION_BENCH")
print(f"r (GEMM)    numpy {p['r_gemm']:.2f} s   RadVault {s['r_gemm']:.2f} s   ratio {p['r_gemm'] / s['r_gemm']:.2f}x")
print(f"r + p + q   python {p['total']:.2f} s   RadVault {s['r_p_q_total']:.2f} s (CPU {s['r_p_q_total_cpu']:.2f} s)"
      f"   ratio {p['total'] / s['r_p_q_total']:.2f}x"
      f"   goal < 2 s: {'met' if s['r_p_q_total'] < 2 else 'not met'}")
print(f"r + p/q bounded (p and q above 0.05 returned as NaN, same significant pairs)  RadVault {s['r_p_q_bounded']:.2f} s"
      f"   vs python full {p['total'] / s['r_p_q_bounded']:.2f}x   goal < 2 s: {'met' if s['r_p_q_bounded'] < 2 else 'not met'}")
print(f"r + p/q of the significant pairs only (pipeline mode, BH cut on the |r| order)  RadVault "
      f"{s['r_p_q_significant_only']:.2f} s (CPU {s['r_p_q_significant_only_cpu']:.2f} s)   vs python full "
      f"{p['total'] / s['r_p_q_significant_only']:.2f}x   goal < 2 s: {'met' if s['r_p_q_significant_only'] < 2 else 'not met'}")
PY
