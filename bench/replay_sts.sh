#!/usr/bin/env bash
# Replay and verify benchmark on the 51-patient STS FDG-PET cohort (issue 7, "Performance").
#
#   replay / extract : `radvault replay --all` against the original `radvault extract` that
#                      recorded the runs, measured in the same run. Goal: ≤ 1.2.
#   verify / openssl : `radvault verify` against `openssl dgst -sha256` over every object file of
#                      the same archive (the hashing floor). Goal: ≤ 1.25.
# Each timing is the best of $REPEATS runs (extract, replay) or of $FAST_REPEATS runs (verify,
# openssl: tens of milliseconds, where one scheduling hiccup is a large share; their runs
# alternate, so that both see the same load), warm page cache for both sides. Times are taken with bash's $EPOCHREALTIME, so no timer process runs inside
# the timed span of either side.
#
# Usage: bench/replay_sts.sh [RADVAULT_BIN]   (default: `make build`'s executable)
#   COHORT=data/sts_pet  JOBS=2  REPEATS=3  FAST_REPEATS=40
# The original extraction and the replay use the same number of workers (JOBS).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-}
if [ -z "$BIN" ]; then
    # The executable as `make build` makes it (Swift runtime linked statically; see Makefile).
    make -s -C "$ROOT" build >/dev/null
    BIN="$(make -s -C "$ROOT" bin-path)"
fi
COHORT=${COHORT:-$ROOT/data/sts_pet}
JOBS=${JOBS:-2}
PARAMS=${PARAMS:-$ROOT/data/params/pet_ibsi.yaml}
REPEATS=${REPEATS:-3}
FAST_REPEATS=${FAST_REPEATS:-40}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ARCHIVE=$WORK/sts

# best TIME (seconds) of N runs of a command (N = $RUNS, else $REPEATS); output discarded.
best() {
    local best="" t
    for _ in $(seq "${RUNS:-$REPEATS}"); do
        local s e
        s=$EPOCHREALTIME
        "$@" >/dev/null 2>&1 || true
        e=$EPOCHREALTIME
        t=$(echo "$e - $s" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    printf '%.4f' "$best"
}
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }

# best TIME of each of two commands (strings run by sh -c), their runs alternating, so that both
# sides see the same machine load: prints "BEST_A BEST_B".
best_alternating() {
    local a="" b="" t s e
    for _ in $(seq "$FAST_REPEATS"); do
        s=$EPOCHREALTIME; sh -c "$1" >/dev/null 2>&1 || true; e=$EPOCHREALTIME
        t=$(echo "$e - $s" | bc -l)
        if [ -z "$a" ] || [ "$(echo "$t < $a" | bc -l)" = 1 ]; then a=$t; fi
        s=$EPOCHREALTIME; sh -c "$2" >/dev/null 2>&1 || true; e=$EPOCHREALTIME
        t=$(echo "$e - $s" | bc -l)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
    done
    printf '%.4f %.4f\n' "$a" "$b"
}

"$BIN" init "$ARCHIVE" >/dev/null
n=0
for dir in "$COHORT"/STS_*; do
    id=$(basename "$dir")
    "$BIN" add scan "$dir/image.nii.gz" --subject "$id" --modality PET --archive "$ARCHIVE" >/dev/null
    "$BIN" add mask "$dir/mask.nii.gz" --subject "$id" --archive "$ARCHIVE" >/dev/null
    n=$((n + 1))
done
"$BIN" commit -m "STS cohort" --archive "$ARCHIVE" >/dev/null
echo "archive: $n patients, $(du -sh "$ARCHIVE/objects" | cut -f1) of objects"

# The first extraction records the runs; later ones (--force) re-execute the same specs, so the
# extraction is timed best-of-REPEATS like the replay.
"$BIN" extract --params "$PARAMS" --jobs "$JOBS" --archive "$ARCHIVE" >/dev/null
extract=$(best "$BIN" extract --params "$PARAMS" --jobs "$JOBS" --force --archive "$ARCHIVE")
replay=$(best "$BIN" replay --all --jobs "$JOBS" --archive "$ARCHIVE")
verdict=$("$BIN" replay --all --jobs "$JOBS" --json --archive "$ARCHIVE" | tail -2 | grep -o '"verdict": *"[a-z]*"' || true)
echo "extract (original, $JOBS jobs): ${extract}s   replay --all ($JOBS jobs): ${replay}s" \
    "  ratio $(ratio "$replay" "$extract") (goal <= 1.2)"
echo "replay study verdict: $verdict"

objects=$(find "$ARCHIVE/objects/sha256" -type f | sort)
count=$(echo "$objects" | wc -l)
# Both sides through `sh -c`, alternating (see best_alternating).
read -r verify openssl_time < <(best_alternating "'$BIN' verify --archive '$ARCHIVE'" \
    "find '$ARCHIVE/objects/sha256' -type f -print0 | xargs -0 openssl dgst -sha256")
echo "verify: ${verify}s   openssl dgst -sha256 over $count objects: ${openssl_time}s   ratio $(ratio "$verify" "$openssl_time") (goal <= 1.25)"
# Context: the fixed cost of `verify` (process start, catalog, manifests) on an empty archive.
"$BIN" init "$WORK/empty" >/dev/null
empty=$(RUNS=$FAST_REPEATS best "$BIN" verify --archive "$WORK/empty")
echo "verify on an empty archive (fixed cost): ${empty}s; verify minus fixed cost vs openssl: ratio" \
    "$(ratio "$(echo "$verify - $empty" | bc -l)" "$openssl_time")"
