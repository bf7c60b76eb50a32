#!/usr/bin/env bash
# Installs everything Gigaplan needs to build, test and run on Debian 12 (bookworm).
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6sql6-sqlite libqt6opengl6-dev
  libgl-dev libglx-mesa0 libgl1-mesa-dri
  libvtk9-dev mpi-default-dev
  openmpi-bin libopenmpi-dev  # the optimizer across the ranks of an MPI job (mpirun)
  libeigen3-dev libsqlite3-dev sqlite3
  libxlsxwriter-dev  # workbooks (XLSX) of the bill of materials and the figures
  python3  # the tests read the workbooks back with its zipfile
  python3-jsonschema python3-yaml  # the NetBox test validates the device types against the library's schema
  xvfb xauth poppler-utils fonts-dejavu-core
  clang-format
  util-linux  # flock, prlimit and setpriv: the file-safety tests hold locks, cap memory, run as nobody
  appstream desktop-file-utils shared-mime-info groff-base  # the packaging test validates the desktop files
)

# The glTF export test runs the Khronos validator from the npm registry: Node.js and npm from
# Debian, unless a Node.js with its own npm is installed already.
if ! command -v npm >/dev/null 2>&1; then packages+=(nodejs npm); fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
