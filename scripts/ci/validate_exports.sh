#!/usr/bin/env bash
# Validates RadVault's provenance exports with the reference Python tools (CI only; the Swift
# tests check the structure without Python):
#   - the W3C `prov` package reads the PROV-JSON, and its records are checked for the
#     entity/activity/agent and relation counts RadVault wrote;
#   - the `rocrate` (ro-crate-py) package loads the RO-Crate (data included and metadata-only),
#     finds the root dataset, the main workflow and one CreateAction per run.
# Usage: scripts/ci/validate_exports.sh RADVAULT_BIN [ARCHIVE]
#   Without ARCHIVE, a small archive is made in a temporary folder. Exports of the Swift sample
#   study (with runs) are also validated: they are written by `swift test --filter
#   writeSampleExportsWhenAsked` with RADVAULT_EXPORT_SAMPLES set (skipped if tests are not built).
set -euo pipefail
BIN=${1:?usage: validate_exports.sh RADVAULT_BIN [ARCHIVE]}
BIN=$(readlink -f "$BIN")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV=${VALIDATE_VENV:-$ROOT/.build/validate-venv}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/pip" install -q prov rocrate

if [ $# -ge 2 ]; then
    ARCHIVE=$(readlink -f "$2")
else
    ARCHIVE=$WORK/archive
    "$BIN" init "$ARCHIVE" >/dev/null
    printf '{"bin_width":25}\n' > "$WORK/params.json"
    printf 'id,outcome\nP1,1\nP2,0\n' > "$WORK/clinical.csv"
    "$BIN" add params "$WORK/params.json" --archive "$ARCHIVE" >/dev/null
    "$BIN" add clinical "$WORK/clinical.csv" --archive "$ARCHIVE" >/dev/null
    "$BIN" commit -m "validation archive" --archive "$ARCHIVE" >/dev/null
fi
"$BIN" export prov --archive "$ARCHIVE" --out "$WORK/archive.prov.json" >/dev/null
"$BIN" export ro-crate "$WORK/crate" --archive "$ARCHIVE" >/dev/null
"$BIN" export ro-crate "$WORK/crate-meta" --metadata-only --archive "$ARCHIVE" >/dev/null
PROVS=("$WORK/archive.prov.json")
CRATES=("$WORK/crate" "$WORK/crate-meta")

if [ -d "$ROOT/.build" ] && (cd "$ROOT" && RADVAULT_EXPORT_SAMPLES="$WORK/samples" \
    swift test --skip-build -c release -Xswiftc -enable-testing --filter writeSampleExportsWhenAsked >/dev/null 2>&1) \
    && [ -f "$WORK/samples/sample.prov.json" ]; then
    PROVS+=("$WORK/samples/sample.prov.json")
    CRATES+=("$WORK/samples/sample-crate" "$WORK/samples/sample-crate-meta")
else
    echo "note: Swift sample exports not available (tests not built); validating the archive exports only"
fi

"$VENV/bin/python" - "${#PROVS[@]}" "${PROVS[@]}" "${CRATES[@]}" <<'PY'
import json, sys
import prov.model
from rocrate.rocrate import ROCrate

n = int(sys.argv[1]); provs = sys.argv[2:2 + n]; crates = sys.argv[2 + n:]
failures = 0
for path in provs:
    raw = json.load(open(path))
    doc = prov.model.ProvDocument.deserialize(source=path, format="json")
    counts = {}
    for rec in doc.get_records():
        counts[rec.get_type().localpart] = counts.get(rec.get_type().localpart, 0) + 1
    expected = {"Entity": len(raw.get("entity", {})), "Activity": len(raw.get("activity", {})),
                "Agent": len(raw.get("agent", {})), "Usage": len(raw.get("used", {})),
                "Generation": len(raw.get("wasGeneratedBy", {})),
                "Association": len(raw.get("wasAssociatedWith", {})),
                "Derivation": len(raw.get("wasDerivedFrom", {}))}
    bad = {k: (v, counts.get(k, 0)) for k, v in expected.items() if counts.get(k, 0) != v}
    ents = [r for r in doc.get_records(prov.model.ProvEntity)]
    missing = [str(e.identifier) for e in ents
               if not any(str(k) == "radvault:sha256" for k, _ in e.attributes)]
    if bad or missing or not ents:
        failures += 1
        print(f"FAIL prov {path}: counts {bad} entities without sha256 {missing[:3]}")
    else:
        # Round trip through the library's own serializer as a further well-formedness check.
        prov.model.ProvDocument.deserialize(content=doc.serialize(format="json"), format="json")
        print(f"ok   prov {path}: {sum(counts.values())} records {counts}")
for path in crates:
    crate = ROCrate(path)
    meta = json.load(open(f"{path}/ro-crate-metadata.json"))
    runs = [e for e in meta["@graph"] if e.get("@type") == "CreateAction" and e["@id"].startswith("#run-")]
    actions = [e for e in crate.get_entities() if e.type == "CreateAction"]
    ok = crate.root_dataset is not None and crate.mainEntity is not None and len(actions) == len(runs) + 1
    files = [e for e in meta["@graph"] if e.get("@type") == "File"]
    ok = ok and all(len(f.get("sha256", "")) == 64 for f in files)
    if not ok:
        failures += 1
        print(f"FAIL ro-crate {path}: actions {len(actions)} runs {len(runs)}")
    else:
        print(f"ok   ro-crate {path}: {len(files)} files, {len(runs)} runs, main entity {crate.mainEntity.id}")
sys.exit(1 if failures else 0)
PY
