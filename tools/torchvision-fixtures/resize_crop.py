#!/usr/bin/python3
"""Reference for ModelDsl's image sizing (ImageGeometry): torchvision's Resize(n) + CenterCrop((h, w)) on a tensor.

Usage: /usr/bin/python3 tools/torchvision-fixtures/resize_crop.py IN.raw HEIGHT WIDTH CHANNELS RESIZE CROP_H CROP_W OUT.raw
IN.raw holds HEIGHT x WIDTH x CHANNELS bytes (HWC, as decoded); RESIZE 0 skips Resize, CROP_H 0 skips CenterCrop.
OUT.raw receives the result as little-endian float32 CHW, preceded by two int32: its height and width. Runs in the
runtime tests (ImageGeometryTests); Debian's python3-torchvision (0.14) is enough.
"""
import struct
import sys

import torch
from torchvision import transforms


def main():
    source, height, width, channels, resize, crop_h, crop_w, target = sys.argv[1:]
    height, width, channels, resize, crop_h, crop_w = map(int, (height, width, channels, resize, crop_h, crop_w))
    with open(source, "rb") as f:
        data = f.read()
    image = torch.frombuffer(bytearray(data), dtype=torch.uint8).view(height, width, channels).permute(2, 0, 1).float()
    steps = []
    if resize:
        steps.append(transforms.Resize(resize))  # one int: the shorter side, aspect ratio kept
    if crop_h:
        steps.append(transforms.CenterCrop((crop_h, crop_w)))
    result = transforms.Compose(steps)(image).contiguous()
    with open(target, "wb") as f:
        f.write(struct.pack("<ii", result.shape[1], result.shape[2]))
        f.write(result.numpy().astype("<f4").tobytes())


if __name__ == "__main__":
    main()
