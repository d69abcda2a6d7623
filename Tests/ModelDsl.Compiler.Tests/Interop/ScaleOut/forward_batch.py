"""The round trip's reference output: the emitted PyTorch module, loaded with a safetensors weight file, run on a batch.

Usage: forward_batch.py FOLDER MODULE CLASS WEIGHTS BATCH OUTPUT, where FOLDER holds the emitted files, BATCH is a
safetensors file with one tensor (the input batch) and OUTPUT receives the module's output as ``output``.
"""

import importlib
import sys

import torch

folder, module_name, class_name, weights, batch_path, output_path = sys.argv[1:]
sys.path.insert(0, folder)
import modeldsl_torch as md  # noqa: E402

model = getattr(importlib.import_module(module_name), class_name)()
md.load_weights(model, weights)
model.eval()
(batch,) = md.load_safetensors(batch_path).values()
with torch.no_grad():
    output = model(batch)
md.save_safetensors({"output": output.contiguous()}, output_path)
print("ok %s %s" % (class_name, list(output.shape)))
