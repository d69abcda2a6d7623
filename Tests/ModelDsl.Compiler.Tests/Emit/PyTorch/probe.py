"""Runs an emitted module on a fixed batch for PyTorchRoundTripTests (run with /usr/bin/python3).

argv: FOLDER (the emitted files) MODULE CLASS WEIGHTS BATCH OUT. Loads WEIGHTS (safetensors, the .model names) into
the module, runs forward on the tensor "input" of BATCH (safetensors) in eval mode, and writes OUT (safetensors) with
"input" and "output", which the .NET side compares against its own forward on the same weights.
"""

import importlib
import sys

import torch

folder, module_name, class_name, weights, batch, out = sys.argv[1:7]
sys.path.insert(0, folder)
import modeldsl_torch as md  # noqa: E402

model = getattr(importlib.import_module(module_name), class_name)()
md.load_weights(model, weights)
model.eval()
x = md.load_safetensors(batch)["input"]
with torch.no_grad():
    y = model(x)
md.save_safetensors({"input": x, "output": y}, out)
print("probe: %s -> %s" % (list(x.shape), list(y.shape)))
