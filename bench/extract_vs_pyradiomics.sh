#!/usr/bin/env bash
# Times RadVault's per-subject extraction (Extractor.extract, the function `radvault extract`
# calls) against PyRadiomics on the IBSI CT phantom, in the same run, and prints the ratio and
# the peak memory (RSS) of each process.
#
# PyRadiomics: every original-image feature class (shape, firstorder, glcm, glrlm, glszm, gldm,
#   ngtdm), binWidth 25, no resampling, one process, `RadiomicsFeatureExtractor.execute`
#   (which also loads the NIfTI files).
# RadVault: every IBSI-1 family (morphology, local intensity, statistics, histogram, IVH and
#   the six texture families) with all nine aggregation methods, FBS 25 HU, no resampling,
#   one thread; release build of bench/RadiomicsBench (load time printed separately).
# The timed unit is the best of REPEATS runs inside one process (after loading); wall time and
# process CPU time are both printed (CPU time is steadier when other jobs share the machine;
# PyRadiomics' CPU time includes its own loading of the NIfTI files inside execute()).
#
# Usage: bench/extract_vs_pyradiomics.sh [REPEATS]   (run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS="${1:-5}"
IMAGE=Sources/Radiomics/Resources/ibsi/ct_phantom/image.nii.gz
MASK=Sources/Radiomics/Resources/ibsi/ct_phantom/mask.nii.gz
WORK=bench/out/extract_vs_pyradiomics
mkdir -p "$WORK"

if [ ! -x bench/.venv/bin/python ]; then
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install --quiet numpy versioneer wheel setuptools  # wheel: needed by --no-build-isolation
    bench/.venv/bin/pip install --quiet --no-build-isolation pyradiomics
fi

cat > "$WORK/settings.yaml" <<'YAML'
discretisation:
  texture: {method: fbs, width: 25}
  intensity_histogram: {method: fbs, width: 25}
  ivh: {method: discrete}
YAML

cat > "$WORK/pyradiomics_time.py" <<'PY'
import sys, time, logging
import radiomics
from radiomics import featureextractor
radiomics.setVerbosity(logging.ERROR)
image, mask, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
extractor = featureextractor.RadiomicsFeatureExtractor(binWidth=25)
extractor.disableAllFeatures()
extractor.enableAllFeatures()
times = []
cpu = []
for _ in range(repeats):
    start = time.perf_counter()
    cpu_start = time.process_time()
    result = extractor.execute(image, mask)
    cpu.append(time.process_time() - cpu_start)
    times.append(time.perf_counter() - start)
features = [k for k in result if k.startswith("original_")]
times.sort()
cpu.sort()
print("extract_best_s=%.4f extract_median_s=%.4f cpu_best_s=%.4f features=%d"
      % (times[0], times[len(times) // 2], cpu[0], len(features)))
PY

swift build -c release --product radiomics-bench > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
BENCH="$(swift build -c release --show-bin-path)/radiomics-bench"

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
echo "PyRadiomics $(bench/.venv/bin/python -c 'import radiomics; print(radiomics.__version__)'), $REPEATS runs:"
/usr/bin/time -v bench/.venv/bin/python "$WORK/pyradiomics_time.py" "$IMAGE" "$MASK" "$REPEATS" \
    > "$WORK/py.out" 2> "$WORK/py.time"
cat "$WORK/py.out"
PY_RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/py.time")
echo "  peak RSS ${PY_RSS} kB"

echo "RadVault radiomics-bench (release), $REPEATS runs:"
/usr/bin/time -v "$BENCH" "$IMAGE" "$MASK" "$WORK/settings.yaml" "$REPEATS" > "$WORK/rv.out" 2> "$WORK/rv.time" \
    || { cat "$WORK/rv.time"; exit 1; }
cat "$WORK/rv.out"
RV_RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/rv.time")
echo "  peak RSS ${RV_RSS} kB"

PY_BEST=$(sed -n 's/.*extract_best_s=\([0-9.]*\).*/\1/p' "$WORK/py.out")
RV_BEST=$(sed -n 's/.*extract_best_s=\([0-9.]*\).*/\1/p' "$WORK/rv.out")
RV_LOAD=$(sed -n 's/.*load_s=\([0-9.]*\).*/\1/p' "$WORK/rv.out")
PY_CPU=$(sed -n 's/.*cpu_best_s=\([0-9.]*\).*/\1/p' "$WORK/py.out")
RV_CPU=$(sed -n 's/.*cpu_best_s=\([0-9.]*\).*/\1/p' "$WORK/rv.out")
awk -v p="$PY_BEST" -v r="$RV_BEST" -v l="$RV_LOAD" -v pm="$PY_RSS" -v rm="$RV_RSS" -v pc="$PY_CPU" -v rc="$RV_CPU" 'BEGIN {
    printf "ratio PyRadiomics/RadVault (extract CPU time, less sensitive to a loaded machine): %.1fx\n", pc / rc
    printf "ratio PyRadiomics/RadVault (extract only): %.1fx\n", p / r
    printf "ratio PyRadiomics/RadVault (RadVault load + extract): %.1fx\n", p / (r + l)
    printf "peak memory RadVault/PyRadiomics: %.2f\n", rm / pm
}'
