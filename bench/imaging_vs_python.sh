#!/usr/bin/env bash
# Benchmark (not a test): RadVault Imaging vs Python peers on the IBSI CT phantom.
#  1. read + decode (gzip NIfTI → float64 voxels, scaling applied) vs nibabel (get_fdata)
#  2. trilinear resampling to 1 mm isotropic with IBSI centre-aligned grids vs SimpleITK Resample
# Prints times (best of 5) and ratios peer/RadVault (> 1 means RadVault is faster).
set -euo pipefail
cd "$(dirname "$0")/.."
CT=${1:-/work/shared/ibsi/ct_phantom/image.nii.gz}
VENV=bench/.venv
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/pip" install -q nibabel SimpleITK numpy >/dev/null

swift build -c release -Xswiftc -enable-testing --build-tests >/dev/null
SWIFT_LINE=$(RADVAULT_IMAGING_BENCH="$CT" swift test -c release -Xswiftc -enable-testing --skip-build \
    --filter ImagingBenchmark 2>&1 | grep -o 'IMAGING_BENCH {.*}' | sed 's/^IMAGING_BENCH //')
echo "radvault: $SWIFT_LINE"

"$VENV/bin/python" - "$CT" "$SWIFT_LINE" <<'PY'
import json, math, sys, time
import nibabel as nib
import numpy as np
import SimpleITK as sitk

path, swift = sys.argv[1], json.loads(sys.argv[2])

def best(runs, fn):
    t = math.inf
    for _ in range(runs):
        s = time.perf_counter(); fn(); t = min(t, time.perf_counter() - s)
    return t

read_nib = best(5, lambda: nib.load(path).get_fdata(dtype=np.float64))

image = sitk.ReadImage(path, sitk.sitkFloat64)
size, spacing, origin = image.GetSize(), image.GetSpacing(), image.GetOrigin()
direction = np.array(image.GetDirection()).reshape(3, 3)
new_size = [math.ceil(round(n * s / 1.0, 6)) for n, s in zip(size, spacing)]
# IBSI align grid centres: shift the origin by x_b,g * s_a along each voxel axis.
shift = [0.5 * ((n - 1) * s - (m - 1) * 1.0) for n, s, m in zip(size, spacing, new_size)]
new_origin = list(np.array(origin) + direction @ np.array(shift))

def resample():
    return sitk.Resample(image, new_size, sitk.Transform(), sitk.sitkLinear, new_origin, (1.0, 1.0, 1.0),
                         image.GetDirection(), 0.0, sitk.sitkFloat64)

threads = sitk.ProcessObject.GetGlobalDefaultNumberOfThreads()
resample_sitk = best(5, resample)
sitk.ProcessObject.SetGlobalDefaultNumberOfThreads(1)
resample_sitk_1 = best(5, resample)
resampled = resample()
out = sitk.GetArrayFromImage(resampled)  # a copy: a view of a temporary image crashes
print(f"nibabel read+decode:        {read_nib:.4f} s   radvault {swift['read_s']:.4f} s   "
      f"ratio nibabel/radvault = {read_nib / swift['read_s']:.2f}")
print(f"SimpleITK resample ({threads} thr): {resample_sitk:.4f} s   radvault {swift['resample_s']:.4f} s   "
      f"ratio sitk/radvault = {resample_sitk / swift['resample_s']:.2f}")
print(f"SimpleITK resample (1 thr): {resample_sitk_1:.4f} s   ratio sitk/radvault = "
      f"{resample_sitk_1 / swift['resample_s']:.2f}")
print(f"grid: radvault {swift['resampled_dims']}, SimpleITK {list(new_size)}; "
      f"sum radvault {swift['resampled_sum']:.6g}, SimpleITK {float(out.sum()):.6g} (SimpleITK pads outside with 0)")
PY
