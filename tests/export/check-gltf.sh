#!/usr/bin/env bash
# The floor of the 1M-GPU sample exported as glTF and read by the Khronos glTF validator (the npm
# package gltf-validator, installed into WORKDIR on first use): no errors, and the halls, rows and
# racks the export reported. Skipped (exit 77) only where npm is absent.
# Usage: check-gltf.sh GIGAPLAN-CLI WORKDIR
set -euo pipefail
cli=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "SKIP: npm and node are not installed: the Khronos glTF validator cannot run"
  exit 77
fi
mkdir -p "$work"
if [ ! -d "$work/node_modules/gltf-validator" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work" gltf-validator
fi
summary=$("$cli" export colossus-to-1m --gltf "$work/site.glb")
echo "$summary"
read -r halls rows racks < <(echo "$summary" | sed -E 's/.*: ([0-9]+) halls, ([0-9]+) rows, ([0-9]+) racks/\1 \2 \3/')
result=$(node "$here/validate-gltf.js" "$work/site.glb" "$work")
echo "$result"
expected="errors 0 warnings 0 halls $halls rows $rows racks $racks"
if [ "$(echo "$result" | tail -1)" != "$expected" ]; then
  echo "check-gltf: expected '$expected'"
  exit 1
fi
