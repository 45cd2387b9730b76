#!/usr/bin/env python3
"""Generates the SYNTHETIC clinical and gene-expression tables of the demo study.

The STS PET cohort ships without outcomes or transcriptomes, so the demo's modelling and
radiogenomics steps use tables generated here from a recorded seed. Every value is synthetic
and every file says so (its name and a `synthetic` column or header comment). Rerunning this
script gives byte-identical files (numpy's PCG64 with the seed below).

So that the demo has something to find, the SYNTHETIC latent risk is planted on three real
RadVault features of the 51 patients (Tests/ModelingTests/Fixtures/sts_pet_features.csv, made
by scripts/fixtures/modeling/make_sts_features.sh with the demo's data/params/pet_ibsi.yaml):
risk = 1.0 z(log morph_volume) + 0.8 z(stat_p90) + 0.6 z(szm_zs_entr.3d) (z = z-score over
the cohort), scaled to unit variance, plus noise; the first planted gene module follows
z(stat_p90). The outcome is still invented: nothing here says anything about real patients.

Outputs (data/synthetic/):
  sts_clinical_SYNTHETIC.csv   subject, recurrence (binary), time_months, event, age, synthetic
  sts_genes_SYNTHETIC.csv      genes x samples (symbol column + one column per subject), log2 scale,
                               three planted co-expression modules of 60 genes
  sts_genesets_SYNTHETIC.gmt   gene sets over those genes (module members and random sets)
"""
import numpy as np, os, sys

SEED = 20261128
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "data", "synthetic")
os.makedirs(out, exist_ok=True)
rng = np.random.Generator(np.random.PCG64(SEED))
subjects = [f"STS_{i:03d}" for i in range(1, 52)]
n = len(subjects)

# Clinical: a latent risk, planted on real features (see the docstring), drives recurrence,
# time and event.
FEATURES = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "ModelingTests", "Fixtures",
                        "sts_pet_features.csv")
PLANTED = {"morphology.morph_volume": 1.0, "intensity_statistics.stat_p90": 0.8, "glszm.szm_zs_entr.3d": 0.6}
with open(FEATURES) as f:
    header = f.readline().strip().split(",")
    table = {row[0]: row[1:] for row in (line.strip().split(",") for line in f if line.strip())}
assert sorted(table) == subjects, "sts_pet_features.csv must list STS_001..STS_051"


def zscore(name):
    v = np.array([float(table[s][header.index(name) - 1]) for s in subjects])
    v = np.log(v) if name == "morphology.morph_volume" else v
    return (v - v.mean()) / v.std()


signal = sum(w * zscore(name) for name, w in PLANTED.items())
risk = signal / signal.std() + rng.normal(scale=0.5, size=n)
recurrence = (risk + rng.normal(scale=1.0, size=n) > 0).astype(int)
time = np.round(np.exp(3.0 - 0.5 * risk + rng.normal(scale=0.4, size=n)), 2)
event = (rng.uniform(size=n) < 0.7).astype(int)
age = np.round(rng.normal(60, 12, size=n)).astype(int)
with open(os.path.join(out, "sts_clinical_SYNTHETIC.csv"), "w") as f:
    f.write("subject,recurrence,time_months,event,age,synthetic\n")
    for i, s in enumerate(subjects):
        f.write(f"{s},{recurrence[i]},{time[i]},{event[i]},{age[i]},1\n")

# Expression: 600 genes; modules of 60 genes follow three latent factors, the first tied to
# the real stat_p90 feature.
genes = [f"SYN{g:04d}" for g in range(1, 601)]
factors = np.vstack([zscore("intensity_statistics.stat_p90") + rng.normal(scale=0.5, size=n),
                     rng.normal(size=n), rng.normal(size=n)])
expr = rng.normal(loc=8.0, scale=1.0, size=(len(genes), n))
modules = {}
for m in range(3):
    idx = np.arange(m * 60, (m + 1) * 60)
    load = rng.uniform(0.6, 1.0, size=len(idx)) * rng.choice([-1, 1], size=len(idx))
    expr[idx] += np.outer(load, factors[m]) * 1.2
    modules[f"SYNTHETIC_MODULE_{m + 1}"] = [genes[i] for i in idx]
with open(os.path.join(out, "sts_genes_SYNTHETIC.csv"), "w") as f:
    f.write("symbol," + ",".join(subjects) + "\n")
    for g, row in zip(genes, expr):
        f.write(g + "," + ",".join(f"{v:.6f}" for v in row) + "\n")

with open(os.path.join(out, "sts_genesets_SYNTHETIC.gmt"), "w") as f:
    for name, members in modules.items():
        f.write(name + "\tsynthetic planted module\t" + "\t".join(members) + "\n")
    for k in range(1, 6):
        members = sorted(rng.choice(genes, size=40, replace=False))
        f.write(f"SYNTHETIC_RANDOM_{k}\tsynthetic random set\t" + "\t".join(members) + "\n")
print("wrote", out)
