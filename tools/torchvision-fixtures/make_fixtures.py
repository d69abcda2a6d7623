#!/usr/bin/python3
"""Writes torchvision reference fixtures for ModelDsl's pretrained-weights tests (no download, no safetensors package).

For each architecture (resnet18, vgg16): torchvision's model with weights=None and a fixed seed (random weights, so no
download), its state_dict as a safetensors file written by hand below, an input batch and torchvision's output logits
(both safetensors too). ModelDsl's Samples/Pretrained/resnet18.model and vgg16.model loaded with these weights through
the `torchvision` name map must give the same logits.

Usage: /usr/bin/python3 tools/torchvision-fixtures/make_fixtures.py OUT_DIR [--size 64] [--models resnet18,vgg16]
Writes OUT_DIR/{name}.safetensors, OUT_DIR/{name}.input.safetensors (key "input") and OUT_DIR/{name}.output.safetensors
(key "output"). Debian's python3-torch and python3-torchvision (CPU) are enough.
"""
import argparse
import json
import os
import struct

import torch
import torchvision

SEED = 1234


def write_safetensors(path, tensors):
    """The safetensors format by hand: u64 LE header length, JSON header (8-byte aligned), raw LE data, in order."""
    header = {}
    blobs = []
    offset = 0
    for name, tensor in tensors.items():
        tensor = tensor.detach().contiguous().cpu()
        if tensor.dtype == torch.float32:
            dtype = "F32"
        elif tensor.dtype == torch.int64:
            dtype = "I64"
        else:
            raise ValueError(f"{name}: unsupported dtype {tensor.dtype}")
        data = tensor.numpy().tobytes()  # little-endian on every platform Debian's torch runs on here
        header[name] = {"dtype": dtype, "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * ((8 - len(encoded) % 8) % 8)
    temp = path + ".tmp"
    with open(temp, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, path)


def build(name):
    torch.manual_seed(SEED)
    model = getattr(torchvision.models, name)(weights=None)
    # Random but non-trivial batch-norm statistics, so inference mode is really exercised.
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.running_mean.uniform_(-0.1, 0.1)
                module.running_var.uniform_(0.5, 1.5)
    return model.eval()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--size", type=int, default=64, help="input height and width (resnet18; vgg16 needs 224)")
    parser.add_argument("--models", default="resnet18,vgg16")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(2)
    for name in args.models.split(","):
        model = build(name)
        # VGG's classifier reads 512 x 7 x 7 features: torchvision's adaptive pooling is the identity only at 224.
        size = 224 if name.startswith("vgg") else args.size
        torch.manual_seed(SEED + 1)
        batch = torch.randn(1, 3, size, size)
        with torch.no_grad():
            logits = model(batch)
        write_safetensors(os.path.join(args.out, name + ".safetensors"), model.state_dict())
        write_safetensors(os.path.join(args.out, name + ".input.safetensors"), {"input": batch})
        write_safetensors(os.path.join(args.out, name + ".output.safetensors"), {"output": logits})
        print(f"{name}: {sum(p.numel() for p in model.parameters()):,} parameters, input {list(batch.shape)}, output {list(logits.shape)}")


if __name__ == "__main__":
    main()
