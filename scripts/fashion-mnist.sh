#!/usr/bin/env bash
# The main job: make sure the Fashion-MNIST data set is installed (Debian package dataset-fashion-mnist),
# then train the sample's model on it. Extra arguments go to the sample (--model dnn|cnn, --epochs N, --data DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
data=/usr/share/datasets/fashion-mnist
if [ ! -d "$data" ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    $sudo apt-get install -y -q dataset-fashion-mnist
fi
exec dotnet run -c Release --project Samples/FashionMnist -- --data "$data" "$@"
