#!/usr/bin/python3
"""Writes the PyTorch reference for batch norm's cumulative average and affine switches.

Run with Debian's PyTorch 1.13 (apt-get install python3-torch):
    /usr/bin/python3 tools/pytorch-fixtures/make_batchnorm_fixtures.py

Output (committed, small JSON): Tests/ModelDsl.Runtime.Cpu.Tests/Fixtures/batchnorm_running.json, one case per
configuration: the layer arguments (momentum null = PyTorch's momentum=None), the training batches, the running mean
and variance after each batch, the trainable parameter count, and an evaluation batch with its output. The Cpu engine
tests and the TorchSharp tests (which compile generated code) both replay every case.
Floats are written with 9 significant digits, which round-trips float32 exactly.
"""
import json
import os

import torch
import torch.nn as nn

torch.manual_seed(20261202)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "ModelDsl.Runtime.Cpu.Tests", "Fixtures", "batchnorm_running.json")


def enc(t):
    t = t.detach().to(torch.float32).contiguous()
    return {"shape": list(t.shape), "data": [float(f"{v:.9g}") for v in t.reshape(-1).tolist()]}


def case(name, example_shape, momentum, scale, center, batches=4, batch_size=5):
    features = example_shape[0]
    factory = nn.BatchNorm1d if len(example_shape) == 1 else nn.BatchNorm2d
    layer = factory(features, momentum=momentum, affine=scale)
    if scale and not center:
        layer.bias = None  # Keras' center=False
    elif center and not scale:
        layer.bias = nn.Parameter(torch.zeros(features))  # Keras' scale=False
    layer.train()
    inputs, means, variances, outputs = [], [], [], []
    for b in range(batches):
        # Each batch has its own offset and spread, so a cumulative and an exponential average differ clearly.
        x = torch.randn(batch_size, *example_shape) * (1.0 + b) + 2.0 * b
        y = layer(x)
        inputs.append(enc(x))
        outputs.append(enc(y))
        means.append(enc(layer.running_mean))
        variances.append(enc(layer.running_var))
    layer.eval()
    probe = torch.randn(3, *example_shape)
    return {
        "name": name,
        "features": features,
        "exampleShape": list(example_shape),
        "momentum": momentum,
        "scale": scale,
        "center": center,
        "trainable": sum(p.numel() for p in layer.parameters()),
        "batchesTracked": int(layer.num_batches_tracked),
        "inputs": inputs,
        "outputs": outputs,
        "runningMean": means,
        "runningVar": variances,
        "probe": enc(probe),
        "probeOutput": enc(layer(probe)),
    }


cases = [
    case("cumulative_1d", [3], None, True, True),
    case("cumulative_2d_no_affine", [2, 3, 3], None, False, False),
    case("exponential_1d_no_affine", [4], 0.1, False, False),
    case("cumulative_1d_no_center", [3], None, True, False),
    case("exponential_2d_no_scale", [2, 2, 2], 0.3, False, True),
]
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
print("wrote", OUT, "with", len(cases), "cases")
