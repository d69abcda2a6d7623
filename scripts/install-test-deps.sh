#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK and NuGet, on Debian 12: Debian's PyTorch 1.13 and
# torchvision 0.14 (reference outputs and fixtures, torchrun round trips), the Fashion-MNIST data set, binutils
# (readelf checks the libLibTorchSharp.so patch) and the DejaVu fonts ScottPlot draws the history charts' text with.
# Idempotent: does nothing when everything is already there. Tests call Debian's interpreter, /usr/bin/python3.
set -euo pipefail
packages=(python3-torch python3-torchvision dataset-fashion-mnist binutils fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing test dependencies: ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
