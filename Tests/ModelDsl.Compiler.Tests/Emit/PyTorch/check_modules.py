"""Checks emitted PyTorch modules against what the .NET side expects (run by PyTorchEmitTests with /usr/bin/python3).

argv[1] is a JSON manifest: a list of {folder, files, module, cls, inputs, outputs, trainable, weights}. For each entry
every file is byte-compiled (py_compile), the module is imported and instantiated, its state_dict keys and shapes must
equal ``weights`` (the Cpu engine's parameter and buffer names, num_batches_tracked aside), its trainable parameter
count must equal ``trainable``, and forward on a zero batch of ``inputs`` (null: symbolic sizes, not run) must return
``outputs``. Prints one line per problem and exits 1 when there is any.
"""

import importlib
import json
import py_compile
import sys

import torch

problems = []
for entry in json.load(open(sys.argv[1])):
    for file in entry["files"]:
        try:
            py_compile.compile(file, doraise=True)
        except py_compile.PyCompileError as error:
            problems.append("%s: %s" % (file, error.msg))
    sys.path.insert(0, entry["folder"])
    try:
        module = importlib.import_module(entry["module"])
        model = getattr(module, entry["cls"])()
        keys = {k: list(v.shape) for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
        if keys != entry["weights"]:
            problems.append("%s: state_dict %s != expected %s" % (entry["cls"], keys, entry["weights"]))
        trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
        if trainable != entry["trainable"]:
            problems.append("%s: %d trainable parameters, expected %d" % (entry["cls"], trainable, entry["trainable"]))
        if entry["inputs"] is not None:
            model.eval()
            with torch.no_grad():
                result = model(*[torch.zeros([2] + shape) for shape in entry["inputs"]])
                logits = model.forward_logits(*[torch.zeros([2] + shape) for shape in entry["inputs"]]) if hasattr(model, "forward_logits") else result
            results = [result] if isinstance(result, torch.Tensor) else list(result)
            logits = [logits] if isinstance(logits, torch.Tensor) else list(logits)
            shapes = [list(r.shape[1:]) for r in results]
            if shapes != entry["outputs"] or [list(r.shape[1:]) for r in logits] != entry["outputs"]:
                problems.append("%s: forward returns %s, expected %s" % (entry["cls"], shapes, entry["outputs"]))
        print("ok %s" % entry["cls"])
    except Exception as error:  # report every model, not only the first failure
        problems.append("%s: %s: %s" % (entry["cls"], type(error).__name__, error))
    finally:
        sys.path.remove(entry["folder"])
        for name in [n for n in sys.modules if n == entry["module"]]:
            del sys.modules[name]

for problem in problems:
    print("PROBLEM " + problem)
sys.exit(1 if problems else 0)
