#!/usr/bin/env python3
"""Peer for bench/correlation_benchmark.sh: numpy/scipy/statsmodels, one thread.

1,500 features x 20,000 genes x 300 samples: Pearson r as one GEMM of standardised matrices,
two-sided p from the t distribution (scipy.special.betainc, as pearsonr's beta form), BH per
feature (statsmodels multipletests fdr_bh)."""
import time

import numpy as np
from scipy import special
from statsmodels.stats.multitest import multipletests

n, nf, ng = 300, 1500, 20000
rng = np.random.default_rng(42)
f = rng.normal(size=(n, nf))
g = rng.normal(size=(n, ng))
g[:, :200] += 0.5 * f[:, np.arange(200) % nf]
t0 = time.perf_counter()
zf = f - f.mean(0)
zf /= np.sqrt((zf * zf).sum(0))
zg = g - g.mean(0)
zg /= np.sqrt((zg * zg).sum(0))
r = zg.T @ zf
t1 = time.perf_counter()
df = n - 2
r2 = np.clip(r * r, 0, 1)
p = special.betainc(df / 2, 0.5, 1 - r2)
t2 = time.perf_counter()
q = np.empty_like(p)
for j in range(nf):
    q[:, j] = multipletests(p[:, j], method="fdr_bh")[1]
t3 = time.perf_counter()
print(f"PY_CORRELATION_BENCH r_gemm={t1 - t0:.3f} p={t2 - t1:.3f} bh={t3 - t2:.3f} total={t3 - t0:.3f} "
      f"significant={int((q <= 0.05).sum())}")
