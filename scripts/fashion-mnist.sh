#!/usr/bin/env bash
# The main job: make sure the Fashion-MNIST data set is installed (Debian package dataset-fashion-mnist),
# then train the sample's model on it. --backend cpu|torchsharp picks the generated backend (default cpu: the
# embedded engine; torchsharp: TorchSharp-cpu 0.107). Other arguments go to the sample (--model dnn|cnn, --epochs N,
# --data DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
backend=cpu
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --backend) backend="${2:-}"; shift 2 || { echo "fashion-mnist.sh: --backend needs cpu or torchsharp" >&2; exit 2; } ;;
        --backend=*) backend="${1#--backend=}"; shift ;;
        *) args+=("$1"); shift ;;
    esac
done
case "$backend" in
    cpu) property=Cpu ;;
    torchsharp) property=TorchSharp ;;
    *) echo "fashion-mnist.sh: unknown backend '$backend' (cpu or torchsharp)" >&2; exit 2 ;;
esac
data=/usr/share/datasets/fashion-mnist
if [ ! -d "$data" ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    $sudo apt-get install -y -q dataset-fashion-mnist
fi
# dotnet run builds quietly (a minute or two the first time): say so before it starts.
echo "building… (Samples/FashionMnist, $property backend)"
exec dotnet run -c Release --project Samples/FashionMnist -p:ModelDslBackend="$property" -- --data "$data" ${args[@]+"${args[@]}"}
