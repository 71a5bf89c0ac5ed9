#!/usr/bin/env bash
# Installs what latentbridge needs to build, test and regenerate its demo data, from Debian 12 packages.
# Skips apt entirely when everything is already there; uses sudo when not run as root.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config ccache git
  # core
  libeigen3-dev libspectra-dev zlib1g-dev nlohmann-json3-dev
  # Eigen's matrix products through OpenBLAS (LB_USE_OPENBLAS): the OpenMP build, which nests in our OpenMP
  libopenblas-openmp-dev
  # GUI
  libimgui-dev libglfw3-dev libgl-dev libgl1-mesa-dri libfreetype-dev libstb-dev
  # tests: Catch2, fuzzers (clang + libFuzzer runtime), NumPy-written fixtures, GUI end to end under Xvfb
  # (x11-apps: xwd, to read back what the window shows); clang-format checks the tree's formatting
  catch2 clang clang-format libclang-rt-14-dev libomp-dev python3-numpy xvfb xauth xdotool x11-apps
  # the Python module (python/) and its tests: pybind11, Python headers, pytest, Dask on a LocalCluster
  pybind11-dev python3-dev python3-pytest python3-dask python3-distributed
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
