#!/usr/bin/python3
"""PyTorch reference for `ModelDsl.Bench train`: the same models, initialisation style (PyTorch defaults, which the
Cpu engine mirrors), Adam lr 1e-3, batch size and epochs on Fashion-MNIST (zero-padded to 32x32 for the ResNet-style
model); prints the same last line `train_examples_per_second=... test_accuracy=... peak_working_set_mb=...
working_set_growth_mb=...` so `ModelDsl.Bench compare` reads every engine alike."""
import argparse
import gzip
import os
import resource
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


def current_mb():
    """Resident set of this process in MiB (VmRSS), as .NET's Process.WorkingSet64 reads it."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class ResidualBlock(nn.Module):
    """conv3x3-bn-relu-conv3x3-bn plus the shortcut (identity, or 1x1 strided conv + bn), then relu."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = None
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + (x if self.shortcut is None else self.shortcut(x)))


def model(name):
    if name == "resnet":
        return nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
            ResidualBlock(16, 16, 1), ResidualBlock(16, 32, 2), ResidualBlock(32, 64, 2),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))
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
    parser.add_argument("--model", choices=["dnn", "cnn", "resnet"], required=True)
    parser.add_argument("--batch-size", type=int, required=True)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--threads", default="default", help="torch.set_num_threads value, or 'default'")
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=None, help="train on the first N examples only")
    args = parser.parse_args()

    if args.threads != "default":
        torch.set_num_threads(int(args.threads))
    torch.manual_seed(args.seed)

    def load(images, labels, limit=None):
        x = torch.from_numpy(read_idx(find(args.data, images))[:limit].astype(np.float32) / 255.0).unsqueeze(1)
        y = torch.from_numpy(read_idx(find(args.data, labels))[:limit].astype(np.int64))
        if args.model == "resnet":
            x = nn.functional.pad(x, (2, 2, 2, 2))
        return x, y

    train_x, train_y = load("train-images-idx3-ubyte", "train-labels-idx1-ubyte", args.limit)
    test_x, test_y = load("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")

    net = model(args.model)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    count = train_x.shape[0]
    seen = 0
    elapsed = 0.0
    first_epoch_mb = last_epoch_mb = 0.0
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
        last_epoch_mb = current_mb()
        if epoch == 0:
            first_epoch_mb = last_epoch_mb
        print(f"epoch {epoch + 1}: loss {loss_sum / count:.4f}, {count / (time.perf_counter() - start):.0f} ex/s",
              file=sys.stderr)

    net.eval()
    correct = 0
    with torch.no_grad():
        for first in range(0, test_x.shape[0], 1000):
            logits = net(test_x[first:first + 1000])
            correct += (logits.argmax(1) == test_y[first:first + 1000]).sum().item()
    print(f"threads={torch.get_num_threads()}", file=sys.stderr)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"train_examples_per_second={seen / elapsed:.1f} test_accuracy={correct / test_x.shape[0]:.4f} "
          f"peak_working_set_mb={peak_mb:.0f} working_set_growth_mb={last_epoch_mb - first_epoch_mb:.0f}")


if __name__ == "__main__":
    main()
