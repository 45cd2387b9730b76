#!/usr/bin/env bash
# WGCNA adjacency + TOM + average-linkage tree + hybrid tree cut, 10,000 genes x 200 samples,
# single thread: RadVault (Swift, release) vs R's WGCNA in the same run. Prints times, peak
# memory (max RSS from /usr/bin/time) and ratios, and whether the module partitions agree.
# Needs: Rscript with WGCNA (apt-get install r-cran-wgcna), /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
POWER=${POWER:-6}
IN=bench/out/wgcna_10000x200.csv
[ -f "$IN" ] || Rscript bench/wgcna_peer.R generate "$IN"
swift build -c release -Xswiftc -enable-testing --build-tests >/dev/null
/usr/bin/time -v Rscript bench/wgcna_peer.R run "$IN" "$POWER" bench/out/labels_r.txt \
  >bench/out/r.log 2>bench/out/r.time
RADVAULT_BENCH=1 RADVAULT_BENCH_WGCNA_INPUT="$IN" RADVAULT_BENCH_POWER="$POWER" \
  RADVAULT_BENCH_LABELS_OUT=bench/out/labels_swift.txt \
  /usr/bin/time -v swift test -c release -Xswiftc -enable-testing --skip-build \
  --filter "BenchmarkTests/wgcnaBenchmark" >bench/out/swift.log 2>bench/out/swift.time
python3 - <<'PY'
import re
def kv(path, tag):
    line = next(l for l in open(path) if tag in l)
    return {k: v for k, v in re.findall(r"(\w+)=([^\s]+)", line)}
def rss(path):
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read()).group(1)) / 1024
r = kv("bench/out/r.log", "R_WGCNA_BENCH"); s = kv("bench/out/swift.log", "RADVAULT_WGCNA_BENCH")
for k in ("adjacency", "tom", "hclust", "treecut", "total"):
    print(f"{k:10s} R {float(r[k]):8.2f} s   RadVault {float(s[k]):8.2f} s   speed-up {float(r[k]) / float(s[k]):6.2f}x")
rr, sr = rss("bench/out/r.time"), rss("bench/out/swift.time")
nn = 10000 * 10000 * 8 / 2**20
print(f"peak RSS  R {rr:8.0f} MB   RadVault {sr:8.0f} MB (process, incl. CSV parsing {float(s['before_network_mb']):.0f} MB)"
      f"   one n x n double = {nn:.0f} MB   RadVault/nn = {sr / nn:.2f}")
a = [int(x) for x in open("bench/out/labels_r.txt").read().split()]
b = [int(x) for x in open("bench/out/labels_swift.txt").read().split()]
ab, ba, same = {}, {}, len(a) == len(b)
for x, y in zip(a, b):
    same = same and ab.setdefault(x, y) == y and ba.setdefault(y, x) == x
print(f"modules R {len(set(a) - {0})}  RadVault {len(set(b) - {0})}  identical partition: {same}")
PY
