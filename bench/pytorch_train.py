#!/usr/bin/python3
"""PyTorch reference for `ModelDsl.Bench train`: the same models, initialisation style (PyTorch defaults, which the
Cpu engine mirrors), Adam lr 1e-3, batch size and single epoch on Fashion-MNIST; prints the same last line
`train_examples_per_second=... test_accuracy=...` so bench/compare-pytorch.sh reads both alike."""
import argparse
import gzip
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, dims = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        sys.exit(f"error: {path} is not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(directory, stem):
    for name in (stem, stem + ".gz"):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            return path
    sys.exit(f"error: {stem}[.gz] not found in {directory} (install dataset-fashion-mnist)")


def model(name):
    if name == "dnn":
        return nn.Sequential(
            nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", choices=["dnn", "cnn"], required=True)
    parser.add_argument("--batch-size", type=int, required=True)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--threads", default="default", help="torch.set_num_threads value, or 'default'")
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    if args.threads != "default":
        torch.set_num_threads(int(args.threads))
    torch.manual_seed(args.seed)

    def load(images, labels):
        x = torch.from_numpy(read_idx(find(args.data, images)).astype(np.float32) / 255.0).unsqueeze(1)
        y = torch.from_numpy(read_idx(find(args.data, labels)).astype(np.int64))
        return x, y

    train_x, train_y = load("train-images-idx3-ubyte", "train-labels-idx1-ubyte")
    test_x, test_y = load("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")

    net = model(args.model)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    count = train_x.shape[0]
    seen = 0
    elapsed = 0.0
    for epoch in range(args.epochs):
        net.train()
        order = torch.randperm(count)
        start = time.perf_counter()
        loss_sum = 0.0
        for first in range(0, count, args.batch_size):
            index = order[first:first + args.batch_size]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(net(train_x[index]), train_y[index])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * index.shape[0]
        elapsed += time.perf_counter() - start
        seen += count
        print(f"epoch {epoch + 1}: loss {loss_sum / count:.4f}, {count / (time.perf_counter() - start):.0f} ex/s",
              file=sys.stderr)

    net.eval()
    correct = 0
    with torch.no_grad():
        for first in range(0, test_x.shape[0], 1000):
            logits = net(test_x[first:first + 1000])
            correct += (logits.argmax(1) == test_y[first:first + 1000]).sum().item()
    print(f"threads={torch.get_num_threads()}", file=sys.stderr)
    print(f"train_examples_per_second={seen / elapsed:.1f} test_accuracy={correct / test_x.shape[0]:.4f}")


if __name__ == "__main__":
    main()
