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
#   one thread; release build of bench/RadiomicsBench. The like-for-like figure times
#   `Extractor.extract(imagePath:maskPath:settings:)` (what `radvault extract` runs per subject:
#   both files read in every repeat; without interpolation only the ROI's box of the image is
#   decoded); the other figures time extraction on volumes loaded once (load time printed).
# The timed unit is the best of REPEATS runs inside one process (after loading); wall time and
# process CPU time are both printed (CPU time is steadier when other jobs share the machine;
# PyRadiomics' CPU time includes its own loading of the NIfTI files inside execute()).
#
# Cohort part: the 51-patient STS FDG-PET cohort (COHORT, default /work/shared/datasets/sts_pet,
# else data/sts_pet). RadVault: `radvault extract --params data/params/pet_ibsi.yaml --jobs 2` on
# a fresh archive holding the 51 scan+mask pairs (timed: the extract command alone, which also
# stores the features and records one run per subject). PyRadiomics: the same 51 image+mask
# files, all original-image feature classes, binCount 32, resampling to 3 mm (sitkLinear),
# resegmentRange [0] (the settings closest to pet_ibsi.yaml; PyRadiomics resamples the mask by
# nearest neighbour where RadVault uses a 0.5 partial-volume threshold), run in 2 worker
# processes (multiprocessing.Pool(2)) so both sides use two cores. Peak RSS is that of the
# largest single process of each side (GNU time's maximum resident set size).
#
# Usage: bench/extract_vs_pyradiomics.sh [REPEATS]   (run from the repository root)
#   COHORT=DIR to choose the cohort folder; COHORT=none skips the cohort part.
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
# The cohort run uses the executable as `make build` makes it (Swift runtime linked statically).
make -s build >> "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
RADVAULT="$(make -s bin-path)"
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
RV_BEST=$(sed -n 's/.* extract_best_s=\([0-9.]*\).*/\1/p' "$WORK/rv.out")
RV_BOTH=$(sed -n 's/.*load_extract_best_s=\([0-9.]*\).*/\1/p' "$WORK/rv.out")
RV_LOAD=$(sed -n 's/.*load_s=\([0-9.]*\).*/\1/p' "$WORK/rv.out")
PY_CPU=$(sed -n 's/.*cpu_best_s=\([0-9.]*\).*/\1/p' "$WORK/py.out")
RV_CPU=$(sed -n 's/.* cpu_best_s=\([0-9.]*\).*/\1/p' "$WORK/rv.out")
RV_BOTH_CPU=$(sed -n 's/.*load_extract_cpu_best_s=\([0-9.]*\).*/\1/p' "$WORK/rv.out")
awk -v p="$PY_BEST" -v r="$RV_BEST" -v l="$RV_LOAD" -v b="$RV_BOTH" -v pm="$PY_RSS" -v rm="$RV_RSS" -v pc="$PY_CPU" -v rc="$RV_CPU" \
    -v bc="$RV_BOTH_CPU" 'BEGIN {
    printf "ratio PyRadiomics/RadVault (extract CPU time, less sensitive to a loaded machine): %.1fx\n", pc / rc
    printf "ratio PyRadiomics/RadVault (both read the files and extract, CPU time, best of each): %.1fx\n", pc / bc
    printf "ratio PyRadiomics/RadVault (extract only): %.1fx\n", p / r
    printf "ratio PyRadiomics/RadVault (both read the files and extract, best of each): %.1fx  <- like for like\n", p / b
    printf "ratio PyRadiomics/RadVault (RadVault first load + best extract): %.1fx\n", p / (r + l)
    printf "peak memory RadVault/PyRadiomics: %.2f\n", rm / pm
}'

# ---- Cohort: 51 STS FDG-PET patients, radvault extract --jobs 2 vs PyRadiomics in 2 processes ----
COHORT="${COHORT:-/work/shared/datasets/sts_pet}"
[ "$COHORT" = none ] || [ -d "$COHORT" ] || COHORT=data/sts_pet
if [ "$COHORT" = none ] || [ ! -d "$COHORT" ]; then
    echo "cohort: skipped (no cohort folder)"
    exit 0
fi
PARAMS=data/params/pet_ibsi.yaml
cat > "$WORK/pyradiomics_cohort.py" <<'PY'
import sys, time, logging, glob, os
from multiprocessing import Pool
import radiomics
from radiomics import featureextractor
radiomics.setVerbosity(logging.ERROR)

def extract(case):
    extractor = featureextractor.RadiomicsFeatureExtractor(
        binCount=32, resampledPixelSpacing=[3, 3, 3], interpolator="sitkLinear", resegmentRange=[0])
    extractor.disableAllFeatures()
    extractor.enableAllFeatures()
    result = extractor.execute(os.path.join(case, "image.nii.gz"), os.path.join(case, "mask.nii.gz"))
    return sum(1 for k in result if k.startswith("original_"))

cases = sorted(glob.glob(os.path.join(sys.argv[1], "STS_*")))
start = time.perf_counter()
with Pool(2) as pool:
    counts = pool.map(extract, cases, chunksize=1)
print("cohort_s=%.3f subjects=%d features_per_subject=%d" % (time.perf_counter() - start, len(cases), counts[0]))
PY
ARCHIVE="$WORK/sts_archive"
rm -rf "$ARCHIVE"
"$RADVAULT" init "$ARCHIVE" > /dev/null
n=0
for dir in "$COHORT"/STS_*; do
    id=$(basename "$dir")
    "$RADVAULT" add scan "$dir/image.nii.gz" --subject "$id" --modality PET --archive "$ARCHIVE" > /dev/null
    "$RADVAULT" add mask "$dir/mask.nii.gz" --subject "$id" --archive "$ARCHIVE" > /dev/null
    n=$((n + 1))
done
echo "Cohort: $n patients from $COHORT"
echo "PyRadiomics, 2 worker processes:"
/usr/bin/time -v bench/.venv/bin/python "$WORK/pyradiomics_cohort.py" "$COHORT" > "$WORK/pyc.out" 2> "$WORK/pyc.time" \
    || { cat "$WORK/pyc.time"; exit 1; }
cat "$WORK/pyc.out"
PYC_RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/pyc.time")
echo "  peak RSS (largest process) ${PYC_RSS} kB"
echo "RadVault: radvault extract --params $PARAMS --jobs 2:"
start=$(date +%s.%N)
/usr/bin/time -v "$RADVAULT" extract --params "$PARAMS" --jobs 2 --archive "$ARCHIVE" > "$WORK/rvc.out" 2> "$WORK/rvc.time" \
    || { cat "$WORK/rvc.time"; exit 1; }
end=$(date +%s.%N)
RVC_S=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
echo "cohort_s=${RVC_S} ($(tail -1 "$WORK/rvc.out"))"
RVC_RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/rvc.time")
echo "  peak RSS ${RVC_RSS} kB"
PYC_S=$(sed -n 's/.*cohort_s=\([0-9.]*\).*/\1/p' "$WORK/pyc.out")
awk -v p="$PYC_S" -v r="$RVC_S" -v pm="$PYC_RSS" -v rm="$RVC_RSS" 'BEGIN {
    printf "cohort ratio PyRadiomics (2 processes)/RadVault (--jobs 2), wall time: %.1fx\n", p / r
    printf "cohort peak memory RadVault/PyRadiomics (largest process): %.2f\n", rm / pm
}'
