#!/usr/bin/env bash
# Benchmark: `radvault add` of a 1 GiB file against its two floors, measured in the same run:
#   openssl dgst -sha256 FILE                  (hashing alone, SHA extensions)
#   dd bs=4M conv=fsync into the archive's fs  (copying alone, durable)
# Prints the times and the ratio of add to the slower floor (goal: at most 1.2).
# Usage: bench/hash.sh [BIN]   (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-$(swift build -c release -Xswiftc -enable-testing --show-bin-path)/radvault}
SIZE_MIB=${SIZE_MIB:-1024}
work=bench/out/hash
rm -rf "$work"
mkdir -p "$work"
input="$work/input.bin"
archive="$work/archive"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

echo "creating a ${SIZE_MIB} MiB file of random bytes"
# (openssl stops on SIGPIPE when head has enough, which pipefail would report as a failure.)
set +o pipefail
openssl enc -aes-128-ctr -pass pass:radvault -nosalt -pbkdf2 </dev/zero 2>/dev/null |
    head -c $((SIZE_MIB * 1024 * 1024)) >"$input"
set -o pipefail
cat "$input" >/dev/null # warm the page cache so every contender reads from memory

"$BIN" init "$archive" >/dev/null

t0=$(now)
openssl dgst -sha256 "$input" >/dev/null
t1=$(now)
dd if="$input" of="$archive/objects/tmp/dd.bin" bs=4M conv=fsync status=none
t2=$(now)
rm -f "$archive/objects/tmp/dd.bin"
sync
t3=$(now)
RADVAULT_ARCHIVE="$archive" "$BIN" add genes "$input" >/dev/null
t4=$(now)

openssl_s=$(elapsed "$t0" "$t1")
dd_s=$(elapsed "$t1" "$t2")
add_s=$(elapsed "$t3" "$t4")
awk -v o="$openssl_s" -v d="$dd_s" -v a="$add_s" -v mib="$SIZE_MIB" 'BEGIN {
    floor = (o > d) ? o : d
    printf "file size               %d MiB\n", mib
    printf "openssl dgst -sha256    %.3f s\n", o
    printf "dd bs=4M conv=fsync     %.3f s\n", d
    printf "radvault add            %.3f s\n", a
    printf "ratio add/openssl       %.2f\n", a / o
    printf "ratio add/dd            %.2f\n", a / d
    printf "ratio add/slower floor  %.2f (goal <= 1.2)\n", a / floor
}'
chmod -R u+w "$work" && rm -rf "$work"
