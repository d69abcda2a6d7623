#!/usr/bin/env bash
# Compares `ModelDsl.Bench train` (Cpu engine, --threads 2) with the same workloads in PyTorch 1.13 CPU (Debian
# python3-torch with OpenBLAS) on Fashion-MNIST, one epoch each. For every workload the runs alternate
# PyTorch / ours, once per PyTorch threading setting (1 thread, 2 threads, its default), and the best throughput of
# each side is kept, so both get the same share of a noisy machine. Prints one line per workload:
#   dnn b=32 ours=… ex/s pytorch=… ex/s ratio=… acc ours=… pytorch=…
# Usage: bench/compare-pytorch.sh [workload …]   (workloads like dnn:32; default: dnn:32 dnn:128 cnn:64)
# Environment: PYTORCH_SETTINGS (default "1 2 default") picks the PyTorch thread settings tried; BENCH_NICE (e.g. -10,
# root only) runs both sides at that niceness, so other work on a shared machine disturbs them less.
set -euo pipefail
cd "$(dirname "$0")/.."

data=/usr/share/datasets/fashion-mnist
python=/usr/bin/python3

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: need root (or sudo) to run: $*" >&2; exit 1; fi
}

missing=()
"$python" -c "import torch" 2>/dev/null || missing+=(python3-torch)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || missing+=(libopenblas0-pthread)
[ -e "$data/train-images-idx3-ubyte.gz" ] || [ -e "$data/train-images-idx3-ubyte" ] || missing+=(dataset-fashion-mnist)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} ..." >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

echo "building bench/ModelDsl.Bench (Release) ..." >&2
dotnet build bench/ModelDsl.Bench -c Release -v quiet -nologo >&2

settings=(${PYTORCH_SETTINGS:-1 2 default})
nice_prefix=()
[ -n "${BENCH_NICE:-}" ] && nice_prefix=(nice -n "$BENCH_NICE")

ours() { # model batch
  "${nice_prefix[@]}" dotnet run --no-build -c Release --project bench/ModelDsl.Bench -- \
    train --model "$1" --batch-size "$2" --epochs 1 --threads 2 --data "$data" | tail -n 1
}

pytorch() { # model batch setting
  local env=()
  if [ "$3" != default ]; then
    env=(OMP_NUM_THREADS="$3" OPENBLAS_NUM_THREADS="$3" MKL_NUM_THREADS="$3")
  fi
  "${nice_prefix[@]}" env "${env[@]}" "$python" bench/pytorch_train.py --model "$1" --batch-size "$2" --epochs 1 \
    --threads "$3" --data "$data" | tail -n 1
}

field() { # line name
  sed -n "s/.*$2=\([0-9.]*\).*/\1/p" <<<"$1"
}

workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(dnn:32 dnn:128 cnn:64)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for workload in "${workloads[@]}"; do
  model=${workload%%:*}
  batch=${workload##*:}
  best_ours=0 acc_ours=0 best_torch=0 acc_torch=0 torch_setting=
  for setting in "${settings[@]}"; do
    line=$(pytorch "$model" "$batch" "$setting")
    speed=$(field "$line" train_examples_per_second)
    echo "  $model b=$batch pytorch threads=$setting: $line" >&2
    if awk -v a="$speed" -v b="$best_torch" 'BEGIN { exit !(a > b) }'; then
      best_torch=$speed acc_torch=$(field "$line" test_accuracy) torch_setting=$setting
    fi

    line=$(ours "$model" "$batch")
    speed=$(field "$line" train_examples_per_second)
    echo "  $model b=$batch ours threads=2: $line" >&2
    if awk -v a="$speed" -v b="$best_ours" 'BEGIN { exit !(a > b) }'; then
      best_ours=$speed acc_ours=$(field "$line" test_accuracy)
    fi
  done
  awk -v m="$model" -v b="$batch" -v o="$best_ours" -v p="$best_torch" -v ao="$acc_ours" -v ap="$acc_torch" -v s="$torch_setting" \
    'BEGIN { printf "%s b=%s ours=%.0f ex/s pytorch=%.0f ex/s ratio=%.2f acc ours=%.4f pytorch=%.4f (pytorch best at threads=%s)\n", m, b, o, p, o / p, ao, ap, s }'
done
