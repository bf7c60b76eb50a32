#!/usr/bin/env bash
# A sweep in parts: --shard K/N parts joined by `merge` are the file one run writes, byte for byte,
# for a Monte Carlo sample and a grid; parts of different sweeps are refused; and under
# `mpirun -n 2` the ranks write that same file (skipped, exit 77, only without mpirun or MPI).
# Usage: check-sweep-parts.sh GIGAPLAN-CLI WORKDIR
set -euo pipefail
cli=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
cd "$work"
fail() { echo "check-sweep-parts: $*"; exit 1; }
outputs=(--outputs cost.tcoUsdPerYear,power.facilityMw,network.bisectionPerGpuGbps --quiet)

"$cli" sweep colossus-150k-h100 --samples 70000 --seed 3 "${outputs[@]}" -o whole.csv
for k in 1 2 3; do "$cli" sweep colossus-150k-h100 --samples 70000 --seed 3 "${outputs[@]}" --shard "$k/3" -o "part$k.csv"; done
"$cli" merge part1.csv part2.csv part3.csv -o joined.csv
cmp -s whole.csv joined.csv || fail "three Monte Carlo parts joined differ from one run"
[ "$(wc -l < whole.csv)" -eq 70001 ] || fail "one run wrote $(wc -l < whole.csv) lines"

"$cli" sweep h200-200k --vary network.oversubscriptionTier1=1:4:40000 "${outputs[@]}" -o grid.csv
"$cli" sweep h200-200k --vary network.oversubscriptionTier1=1:4:40000 "${outputs[@]}" --shard 2/2 -o grid2.csv
"$cli" sweep h200-200k --vary network.oversubscriptionTier1=1:4:40000 "${outputs[@]}" --shard 1/2 -o grid1.csv
"$cli" merge grid1.csv grid2.csv -o grid-joined.csv
cmp -s grid.csv grid-joined.csv || fail "two grid parts joined differ from one run"

set +e
message=$("$cli" merge grid1.csv part2.csv -o mixed.csv 2>&1); status=$?
bad=$("$cli" sweep h200-200k --samples 10 --shard 3/2 2>&1); badStatus=$?
set -e
[ "$status" -eq 2 ] && [ ! -e mixed.csv ] || fail "parts of two sweeps were joined: $message"
[ "$badStatus" -eq 2 ] && echo "$bad" | grep -q -- "--shard" || fail "--shard 3/2 was taken: $bad"

if ! command -v mpirun >/dev/null 2>&1; then echo "SKIP: mpirun is not installed"; exit 77; fi
as_root=()
[ "$(id -u)" -eq 0 ] && as_root=(--allow-run-as-root)
set +e
mpirun "${as_root[@]}" --oversubscribe -n 2 "$cli" sweep colossus-150k-h100 --samples 70000 --seed 3 "${outputs[@]}" \
  -o mpi.csv 2> mpi.err
status=$?
set -e
if grep -q "built without MPI" mpi.err; then echo "SKIP: built without MPI"; exit 77; fi
[ "$status" -eq 0 ] || fail "mpirun -n 2 sweep exits $status: $(cat mpi.err)"
cmp -s whole.csv mpi.csv || fail "the sweep under mpirun -n 2 differs from one run"
ls mpi.csv.part-* >/dev/null 2>&1 && fail "the ranks' parts were left behind"
echo "check-sweep-parts: parts, merge and mpirun -n 2 write the same sweep as one run"
