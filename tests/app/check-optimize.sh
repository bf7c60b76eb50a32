#!/usr/bin/env bash
# gigaplan-cli optimize on a small goal: the front as JSON and CSV and a design saved as a project
# that `evaluate` reads back to the front's figures; the same seed gives the same front; and under
# `mpirun -n 2` the same front as one process (skipped, exit 77, only where mpirun is absent or the
# program was built without MPI).
# Usage: check-optimize.sh GIGAPLAN-CLI SPEC WORKDIR
set -euo pipefail
cli=$1
spec=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
fail() { echo "check-optimize: $*"; exit 1; }

"$cli" optimize "$spec" -q -o "$work/one" --save-best 1 > "$work/one.txt"
[ -s "$work/one/front.json" ] && [ -s "$work/one/front.csv" ] && [ -f "$work/one/design-1.gigaplan" ] ||
  fail "front.json, front.csv or design-1.gigaplan missing"
python3 - "$work/one/front.json" "$work/one/front.csv" <<'PY' || fail "the front files disagree"
import csv, json, sys
front = json.load(open(sys.argv[1]))["front"]
rows = list(csv.DictReader(open(sys.argv[2])))
assert front and len(rows) == len(front), (len(rows), len(front))
for design, row in zip(front, rows):
    assert float(row["cost.tcoUsdPerYear"]) == design["figures"]["cost.tcoUsdPerYear"]
    assert design["keepsConstraints"] and design["figures"]["power.facilityMw"] <= 60
PY
# The saved design is the first of the front: its figures, read back by evaluate.
tco=$("$cli" evaluate "$work/one/design-1.gigaplan" --format json |
      python3 -c "import json,sys; print(json.load(sys.stdin)['outputs']['cost']['tcoUsdPerYear']['value'])")
python3 -c "import json,sys; f=json.load(open('$work/one/front.json'))['front'][0]['figures']['cost.tcoUsdPerYear']; sys.exit(0 if f == $tco else 1)" ||
  fail "design-1.gigaplan evaluates to TCO $tco, not the front's"

"$cli" optimize "$spec" -q --format json > "$work/again.json"
"$cli" optimize "$spec" -q --format json --seed 5 > "$work/seed5.json"
cmp -s "$work/again.json" "$work/seed5.json" || fail "the same seed gave another front"
cmp -s "$work/again.json" "$work/one/front.json" || fail "the printed front differs from front.json"

# Bad specs: exit 2, the field named.
echo '{"base": "llama3-16k-h100", "objectives": [{"minimize": "cost.nothing"}], "space": []}' > "$work/bad.json"
set +e
message=$("$cli" optimize "$work/bad.json" 2>&1)
status=$?
set -e
[ "$status" -eq 2 ] || fail "a bad spec exits $status"
echo "$message" | grep -q "objectives\[1\]" || fail "the bad objective is not named: $message"
echo "$message" | grep -q "space" || fail "the empty space is not named: $message"

# The bundled goal: one million GPUs within the sample's power, held against the sample itself.
goal="$(dirname "$spec")/../../resources/goals/million-gpus.json"
"$cli" optimize "$goal" -q --format json > "$work/goal.json"
python3 - "$work/goal.json" <<'PY' || fail "the bundled goal's verdict does not follow its front"
import json, sys
result = json.load(open(sys.argv[1]))
reference = result["reference"]["figures"]
assert result["reference"]["plan"] == "colossus-to-1m" and reference["cluster.gpus"] == 1000000
beating = [d for d in result["front"] if d["beatsReference"]]
for design in beating:  # better TCO, no worse bandwidth or availability, constraints kept
    f = design["figures"]
    assert design["keepsConstraints"]
    assert f["cost.tcoUsdPerYear"] < reference["cost.tcoUsdPerYear"]
    assert f["network.bisectionPerGpuGbps"] >= reference["network.bisectionPerGpuGbps"]
    assert f["availability.delivered"] >= reference["availability.delivered"]
verdict = result["verdict"]
assert verdict.startswith(f"{len(beating)} of") if beating else verdict.startswith("none"), verdict
print("the bundled goal:", verdict)
PY

if ! command -v mpirun >/dev/null 2>&1; then
  echo "SKIP: mpirun is not installed; the front of one process was checked"
  exit 77
fi
as_root=()
[ "$(id -u)" -eq 0 ] && as_root=(--allow-run-as-root)
set +e
mpirun "${as_root[@]}" --oversubscribe -n 2 "$cli" optimize "$spec" -q --format json > "$work/two.json" 2> "$work/two.err"
status=$?
set -e
if grep -q "built without MPI" "$work/two.err"; then
  echo "SKIP: built without MPI"
  exit 77
fi
[ "$status" -eq 0 ] || fail "mpirun -n 2 exits $status: $(cat "$work/two.err")"
cmp -s "$work/again.json" "$work/two.json" || fail "mpirun -n 2 gives another front than one process"
echo "check-optimize: fronts of $(python3 -c "import json; print(len(json.load(open('$work/two.json'))['front']))" ) designs, the same alone, again and under mpirun -n 2"
