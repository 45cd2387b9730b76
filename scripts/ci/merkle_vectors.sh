#!/usr/bin/env bash
# Regenerates the RFC 6962 Merkle tree hash vectors pinned in Tests/RadVaultCoreTests/MerkleTreeTests.swift,
# independently of the Swift code: SHA-256 via openssl, leaf prefix 0x00, node prefix 0x01, split at the
# largest power of two below n (RFC 6962 section 2.1). Leaves are the certificate-transparency reference inputs.
set -euo pipefail
leaves=("" "00" "10" "2021" "3031" "40414243" "5051525354555657" "606162636465666768696a6b6c6d6e6f")
h() { xxd -r -p | openssl dgst -sha256 -binary | xxd -p -c 64; }
leaf() { printf '00%s' "$1" | h; }
node() { printf '01%s%s' "$1" "$2" | h; }
mth() { # args: start count
  local s=$1 n=$2
  if [ "$n" -eq 0 ]; then printf '' | openssl dgst -sha256 -binary | xxd -p -c 64; return; fi
  if [ "$n" -eq 1 ]; then leaf "${leaves[$s]}"; return; fi
  local k=1; while [ $((k*2)) -lt "$n" ]; do k=$((k*2)); done
  node "$(mth $s $k)" "$(mth $((s+k)) $((n-k)))"
}
for n in 0 1 2 3 4 5 6 7 8; do echo "$n $(mth 0 $n)"; done
