#!/usr/bin/env bash
# The RadVault demo: build an archive from the IBSI CT phantom and five STS FDG-PET patients,
# commit it with a tag, verify it and print its history.
# Usage: scripts/demo.sh BIN ARCHIVE   (`make demo` passes the release binary and demo-archive)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:?usage: scripts/demo.sh BIN ARCHIVE}
ARCHIVE=${2:?usage: scripts/demo.sh BIN ARCHIVE}
export RADVAULT_ARCHIVE="$ARCHIVE"
export RADVAULT_AGENT="${RADVAULT_AGENT:-radvault-demo}"

step() { printf '\n== %s\n' "$*"; }

# Start from a fresh archive; only ever remove a folder that is a RadVault archive.
if [ -e "$ARCHIVE" ]; then
    if [ -f "$ARCHIVE/catalog.sqlite" ] && [ -d "$ARCHIVE/objects" ]; then
        chmod -R u+w "$ARCHIVE" && rm -rf "$ARCHIVE"
    else
        echo "error: $ARCHIVE exists and is not a RadVault archive; choose another DEMO_ARCHIVE" >&2
        exit 2
    fi
fi

step "radvault init $ARCHIVE"
"$BIN" init "$ARCHIVE"

step "IBSI CT phantom (IBSI 1, digital reference CT phantom; Sources/Radiomics/Resources/ibsi)"
ct=Sources/Radiomics/Resources/ibsi/ct_phantom
"$BIN" add scan "$ct/image.nii.gz" --subject IBSI_CT_PHANTOM --modality CT
"$BIN" add mask "$ct/mask.nii.gz" --subject IBSI_CT_PHANTOM --roi GTV
"$BIN" add params Sources/Radiomics/Resources/ibsi/ibsi1_configurations.csv

step "Five soft-tissue sarcoma FDG-PET patients (data/sts_pet, CC BY 3.0, see its README)"
for patient in $(ls data/sts_pet | grep '^STS_'); do
    "$BIN" add scan "data/sts_pet/$patient/image.nii.gz" --subject "$patient" --modality PET
    "$BIN" add mask "data/sts_pet/$patient/mask.nii.gz" --subject "$patient" --roi GTV_Mass
done

step "radvault ls"
"$BIN" ls

step "radvault commit"
"$BIN" commit -m "Demo cohort: IBSI CT phantom and STS_001-STS_051 (FDG-PET)" --tag cohort-v1

step "radvault ibsi check (IBSI-1 compliance of this engine, recorded as a run)"
"$BIN" ibsi check | head -2

step "radvault extract (IBSI features of the 51 PET patients, 2 jobs)"
cohort=$("$BIN" extract --params data/params/pet_ibsi.yaml --subject $(ls data/sts_pet | grep '^STS_') --jobs 2 | tail -1)
echo "cohort feature table: $cohort"

step "radvault export features --csv (first columns)"
"$BIN" export features --csv | cut -d, -f1-4 | head -4

step "radvault model (L1-logistic radscore for a SYNTHETIC outcome, data/synthetic)"
"$BIN" model --features "$cohort" \
    --clinical data/synthetic/sts_clinical_SYNTHETIC.csv --outcome recurrence \
    --params data/params/model_recurrence.yaml | tail -15

step "radvault radiogenomics (radiomic features vs SYNTHETIC expression: correlation, enrichment, WGCNA)"
"$BIN" radiogenomics --genes data/synthetic/sts_genes_SYNTHETIC.csv --features "$cohort" \
    --genesets data/synthetic/sts_genesets_SYNTHETIC.gmt --params data/params/radiogenomics.yaml | tail -15

step "radvault commit"
"$BIN" commit -m "Demo study: IBSI features of STS_001-STS_051" --tag features-v1

step "radvault replay --all (re-executes every run and compares the outputs)"
"$BIN" replay --all

step "radvault export prov"
"$BIN" export prov --out "$ARCHIVE.prov.json"

step "radvault verify"
"$BIN" verify

step "radvault log"
"$BIN" log

step "radvault audit"
"$BIN" audit
