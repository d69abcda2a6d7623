#!/usr/bin/python3
"""Writes the PyTorch reference fixtures for the Cpu engine tests.

Run with Debian's PyTorch (apt-get install python3-torch), not a pyenv python:
    /usr/bin/python3 tools/pytorch-fixtures/make_fixtures.py

Outputs (committed, small JSON):
    Tests/ModelDsl.Runtime.Cpu.Tests/Fixtures/layers.json      one case per layer/activation/loss configuration:
        inputs, weights, layer arguments, the output, a fixed upstream gradient, and the gradients of every
        input and weight for that upstream gradient (buffers after the step for batchnorm).
    Tests/ModelDsl.Runtime.Cpu.Tests/Fixtures/optimizers.json  one case per optimiser configuration:
        initial parameters, the gradients of 3 steps, and the parameters after each step.

Floats are written with 9 significant digits, which round-trips float32 exactly.
Keras-style `same` padding is asymmetric when the total is odd; PyTorch has no such mode, so those cases pad
explicitly (F.pad) before the layer, which is exactly the semantics the engine implements.
"""
import json
import math
import os
import sys

import torch
import torch.nn.functional as F

torch.manual_seed(1234)
torch.set_default_dtype(torch.float32)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "ModelDsl.Runtime.Cpu.Tests", "Fixtures")


def enc(t):
    t = t.detach().to(torch.float32).contiguous()
    return {"shape": list(t.shape), "data": [float(f"{v:.9g}") for v in t.reshape(-1).tolist()]}


def randn(*shape):
    return torch.randn(*shape)


def same_pad(size, k, s, d=1):
    out = (size + s - 1) // s
    total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
    return total // 2, total - total // 2


def case(name, op, args, inputs, weights, fn, buffers=None, int_inputs=None):
    """inputs/weights: dict name -> tensor; fn(inputs, weights) -> output tensor."""
    xs = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    ws = {k: v.clone().requires_grad_(True) for k, v in weights.items()}
    bufs_before = {k: v.clone() for k, v in (buffers or {}).items()}
    out = fn(xs, ws)
    upstream = torch.tensor(0.75) if out.dim() == 0 else randn(*out.shape)
    out.backward(upstream)
    c = {
        "name": name,
        "op": op,
        "args": args,
        "inputs": {k: enc(v) for k, v in inputs.items()},
        "weights": {k: enc(v) for k, v in weights.items()},
        "output": enc(out),
        "upstream": enc(upstream),
        "input_grads": {k: enc(v.grad) for k, v in xs.items() if v.grad is not None},
        "weight_grads": {k: enc(v.grad) for k, v in ws.items() if v.grad is not None},
    }
    if buffers:
        c["buffers_before"] = {k: enc(v) for k, v in bufs_before.items()}
        c["buffers_after"] = {k: enc(v) for k, v in buffers.items()}
    if int_inputs:
        c["int_inputs"] = {k: [int(i) for i in v] for k, v in int_inputs.items()}
    return c


def layer_cases():
    cases = []
    # dense
    cases.append(case("dense", "dense", {}, {"x": randn(4, 5)}, {"weight": randn(3, 5) * 0.5, "bias": randn(3)},
                      lambda x, w: F.linear(x["x"], w["weight"], w["bias"])))
    cases.append(case("dense_nobias", "dense", {}, {"x": randn(2, 3, 4)}, {"weight": randn(6, 4)},
                      lambda x, w: F.linear(x["x"], w["weight"])))

    # conv2d variants: (name, N, C, H, W, O, k, stride, pad(t,b,l,r) or "same", dilation, groups, bias)
    convs = [
        ("conv2d_k3_pad1", 2, 3, 6, 5, 4, (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), 1, True),
        ("conv2d_stride2_valid", 2, 2, 7, 7, 3, (3, 3), (2, 2), (0, 0, 0, 0), (1, 1), 1, True),
        ("conv2d_dilation2", 1, 2, 8, 8, 2, (3, 3), (1, 1), (2, 2, 2, 2), (2, 2), 1, False),
        ("conv2d_groups2", 2, 4, 5, 5, 6, (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), 2, True),
        ("conv2d_depthwise", 1, 3, 5, 4, 3, (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), 3, True),
        ("conv2d_same_stride2_asymmetric", 2, 3, 8, 6, 4, (3, 3), (2, 2), "same", (1, 1), 1, True),
        ("conv2d_same_k4", 1, 2, 5, 5, 3, (4, 2), (1, 1), "same", (1, 1), 1, True),
        ("conv2d_pointwise", 2, 4, 3, 3, 5, (1, 1), (1, 1), (0, 0, 0, 0), (1, 1), 1, True),
        ("conv2d_rect_stride", 1, 2, 9, 7, 2, (3, 2), (2, 3), (1, 0, 0, 1), (1, 1), 1, True),
    ]
    for name, n, c, h, w, o, k, s, p, d, g, bias in convs:
        if p == "same":
            pt, pb = same_pad(h, k[0], s[0], d[0])
            pl, pr = same_pad(w, k[1], s[1], d[1])
        else:
            pt, pb, pl, pr = p
        weights = {"weight": randn(o, c // g, k[0], k[1]) * 0.4}
        if bias:
            weights["bias"] = randn(o)
        args = {"kernel": list(k), "stride": list(s), "padding": [pt, pb, pl, pr], "same": p == "same",
                "dilation": list(d), "groups": g}
        cases.append(case(name, "conv2d", args, {"x": randn(n, c, h, w)}, weights,
                          lambda x, w, pt=pt, pb=pb, pl=pl, pr=pr, s=s, d=d, g=g: F.conv2d(
                              F.pad(x["x"], (pl, pr, pt, pb)), w["weight"], w.get("bias"), stride=s, dilation=d, groups=g)))

    # pooling
    pools = [
        ("maxpool_k2", "maxpool2d", 2, 3, 6, 6, (2, 2), (2, 2), (0, 0, 0, 0), False, True),
        ("maxpool_k3_s2_pad1", "maxpool2d", 1, 2, 7, 6, (3, 3), (2, 2), (1, 1, 1, 1), False, True),
        ("maxpool_same", "maxpool2d", 1, 2, 5, 5, (2, 2), (2, 2), "same", False, True),
        ("avgpool_k2", "avgpool2d", 2, 2, 6, 4, (2, 2), (2, 2), (0, 0, 0, 0), False, True),
        ("avgpool_k3_s1_pad1", "avgpool2d", 1, 2, 5, 5, (3, 3), (1, 1), (1, 1, 1, 1), False, True),
        ("avgpool_same_exclude_pad", "avgpool2d", 1, 2, 5, 7, (2, 3), (2, 2), "same", True, False),
    ]
    for name, op, n, c, h, w, k, s, p, same, include in pools:
        if p == "same":
            pt, pb = same_pad(h, k[0], s[0])
            pl, pr = same_pad(w, k[1], s[1])
        else:
            pt, pb, pl, pr = p
        args = {"kernel": list(k), "stride": list(s), "padding": [pt, pb, pl, pr], "same": p == "same",
                "count_include_pad": include}
        if op == "maxpool2d":
            fn = (lambda x, w, pt=pt, pb=pb, pl=pl, pr=pr, k=k, s=s:
                  F.max_pool2d(F.pad(x["x"], (pl, pr, pt, pb), value=-math.inf), k, s))
        elif include:
            fn = (lambda x, w, pt=pt, pb=pb, pl=pl, pr=pr, k=k, s=s:
                  F.avg_pool2d(F.pad(x["x"], (pl, pr, pt, pb)), k, s))
        else:
            def fn(x, w, pt=pt, pb=pb, pl=pl, pr=pr, k=k, s=s):
                padded = F.pad(x["x"], (pl, pr, pt, pb))
                ones = F.pad(torch.ones_like(x["x"]), (pl, pr, pt, pb))
                return F.avg_pool2d(padded, k, s) / F.avg_pool2d(ones, k, s)
        cases.append(case(name, op, args, {"x": randn(n, c, h, w)}, {}, fn))

    cases.append(case("global_avgpool", "global_avgpool2d", {}, {"x": randn(2, 3, 4, 5)}, {},
                      lambda x, w: x["x"].mean(dim=(2, 3))))
    cases.append(case("global_maxpool", "global_maxpool2d", {}, {"x": randn(2, 3, 4, 5)}, {},
                      lambda x, w: x["x"].amax(dim=(2, 3))))
    cases.append(case("flatten", "flatten", {}, {"x": randn(2, 3, 2, 2)}, {}, lambda x, w: torch.flatten(x["x"], 1)))
    cases.append(case("reshape", "reshape", {"dims": [4, 3]}, {"x": randn(2, 12)}, {},
                      lambda x, w: x["x"].reshape(2, 4, 3)))
    cases.append(case("dropout_eval", "dropout_eval", {"rate": 0.5}, {"x": randn(3, 4)}, {},
                      lambda x, w: F.dropout(x["x"], 0.5, training=False)))
    cases.append(case("zeropad2d", "zeropad2d", {"padding": [1, 2, 0, 3]}, {"x": randn(2, 2, 3, 3)}, {},
                      lambda x, w: F.pad(x["x"], (0, 3, 1, 2))))
    cases.append(case("add3", "add", {}, {"a": randn(2, 3, 2), "b": randn(2, 3, 2), "c": randn(2, 3, 2)}, {},
                      lambda x, w: x["a"] + x["b"] + x["c"]))
    cases.append(case("concat_dim1", "concat", {"dim": 1}, {"a": randn(2, 3, 2, 2), "b": randn(2, 1, 2, 2)}, {},
                      lambda x, w: torch.cat([x["a"], x["b"]], dim=1)))

    # batchnorm: training (batch statistics + running update) and evaluation (running statistics)
    for name, shape, training in [("batchnorm1d_train", (6, 4), True), ("batchnorm2d_train", (3, 2, 4, 3), True),
                                  ("batchnorm2d_eval", (2, 3, 3, 2), False), ("batchnorm1d_eval", (5, 3), False)]:
        c = shape[1]
        rm = randn(c) * 0.1
        rv = torch.rand(c) + 0.5
        buffers = {"running_mean": rm.clone(), "running_var": rv.clone()}
        x = randn(*shape) * 2 + 0.5
        args = {"momentum": 0.2, "eps": 1e-5, "training": training}
        cases.append(case(name, "batchnorm", args, {"x": x}, {"weight": torch.rand(c) + 0.5, "bias": randn(c)},
                          lambda x, w, b=buffers, t=training: F.batch_norm(
                              x["x"], b["running_mean"], b["running_var"], w["weight"], w["bias"], t, 0.2, 1e-5),
                          buffers=buffers))

    # activations over [N, C, H, W] (softmax over dim 1) and [N, F]
    acts = {
        "relu": F.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh,
        "softmax": lambda t: F.softmax(t, dim=1), "log_softmax": lambda t: F.log_softmax(t, dim=1),
        "gelu": F.gelu, "elu": F.elu, "leaky_relu": lambda t: F.leaky_relu(t, 0.2),
    }
    for name, fn in acts.items():
        args = {"activation": name, "slope": 0.2}
        cases.append(case("act_" + name, "activation", args, {"x": randn(2, 3, 2, 2) * 2}, {},
                          lambda x, w, fn=fn: fn(x["x"])))
        cases.append(case("act_" + name + "_2d", "activation", args, {"x": randn(4, 5) * 3}, {},
                          lambda x, w, fn=fn: fn(x["x"])))
    big = torch.tensor([[1000.0, 0.0, -1000.0], [50.0, 51.0, 49.0]])
    cases.append(case("act_log_softmax_extreme", "activation", {"activation": "log_softmax", "slope": 0.0},
                      {"x": big}, {}, lambda x, w: F.log_softmax(x["x"], dim=1)))

    # losses (mean reduction); targets are inputs without gradients
    pred = randn(4, 3)
    tgt = randn(4, 3)
    cases.append(case("loss_mse", "mse", {}, {"x": pred}, {}, lambda x, w: F.mse_loss(x["x"], tgt), int_inputs=None))
    cases[-1]["targets"] = enc(tgt)
    cases.append(case("loss_mae", "mae", {}, {"x": pred}, {}, lambda x, w: F.l1_loss(x["x"], tgt)))
    cases[-1]["targets"] = enc(tgt)
    probs = torch.rand(5, 2) * 0.98 + 0.01
    btgt = (torch.rand(5, 2) > 0.5).float()
    cases.append(case("loss_bce", "bce", {}, {"x": probs}, {}, lambda x, w: F.binary_cross_entropy(x["x"], btgt)))
    cases[-1]["targets"] = enc(btgt)
    logits = randn(5, 2) * 4
    logits[0, 0] = 60.0
    logits[1, 1] = -60.0
    cases.append(case("loss_bce_logits", "bce_logits", {}, {"x": logits}, {},
                      lambda x, w: F.binary_cross_entropy_with_logits(x["x"], btgt)))
    cases[-1]["targets"] = enc(btgt)
    clog = randn(4, 5) * 3
    clog[2, 1] = 200.0
    labels = torch.tensor([1, 0, 4, 2])
    onehot = F.one_hot(labels, 5).float()
    cases.append(case("loss_cce_logits", "cce_logits", {}, {"x": clog}, {},
                      lambda x, w: -(onehot * F.log_softmax(x["x"], dim=1)).sum(dim=1).mean()))
    cases[-1]["targets"] = enc(onehot)
    cases.append(case("loss_sparse_cce_logits", "sparse_cce_logits", {}, {"x": clog}, {},
                      lambda x, w: F.cross_entropy(x["x"], labels), int_inputs={"labels": labels.tolist()}))
    cases.append(case("loss_nll", "nll", {}, {"x": F.log_softmax(randn(4, 5), dim=1)}, {},
                      lambda x, w: F.nll_loss(x["x"], labels), int_inputs={"labels": labels.tolist()}))
    return cases


def fixed_nadam(params, grads, exp_avgs, exp_avg_sqs, mu_products, state_steps, *, beta1, beta2, lr,
                weight_decay, momentum_decay, eps):
    # PyTorch 1.13 multiplies mu into mu_product_next twice (fixed in 2.0); this is the 2.x rule, which
    # TorchSharp (libtorch 2.x) and the engine implement.
    for i, param in enumerate(params):
        grad = grads[i]
        step_t = state_steps[i]
        step_t += 1
        step = step_t.item()
        bias_correction2 = 1 - beta2 ** step
        if weight_decay != 0:
            grad = grad.add(param, alpha=weight_decay)
        mu = beta1 * (1. - 0.5 * (0.96 ** (step * momentum_decay)))
        mu_next = beta1 * (1. - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))
        mu_products[i] *= mu
        mu_product = mu_products[i].item()
        mu_product_next = mu_product * mu_next
        exp_avgs[i].mul_(beta1).add_(grad, alpha=1 - beta1)
        exp_avg_sqs[i].mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
        denom = exp_avg_sqs[i].div(bias_correction2).sqrt().add_(eps)
        param.addcdiv_(grad, denom, value=-lr * (1. - mu) / (1. - mu_product))
        param.addcdiv_(exp_avgs[i], denom, value=-lr * mu_next / (1. - mu_product_next))


def optimizer_cases():
    import torch.optim.nadam as nadam_module
    nadam_module._single_tensor_nadam = fixed_nadam
    configs = [
        ("sgd", "sgd", {"lr": 0.1}),
        ("sgd_momentum_wd", "sgd", {"lr": 0.05, "momentum": 0.9, "weight_decay": 0.01}),
        ("sgd_nesterov", "sgd", {"lr": 0.05, "momentum": 0.8, "nesterov": True}),
        ("sgd_groups", "sgd", {"lr": 0.1, "momentum": 0.5, "group_lrs": [0.1, 0.01]}),
        ("adam", "adam", {"lr": 0.01}),
        ("adam_amsgrad_wd", "adam", {"lr": 0.02, "betas": [0.8, 0.99], "weight_decay": 0.1, "amsgrad": True, "eps": 1e-6}),
        ("adamw", "adamw", {"lr": 0.01, "weight_decay": 0.05}),
        ("adamw_amsgrad", "adamw", {"lr": 0.01, "amsgrad": True}),
        ("rmsprop", "rmsprop", {"lr": 0.01}),
        ("rmsprop_momentum_centered_wd", "rmsprop", {"lr": 0.005, "alpha": 0.9, "momentum": 0.7, "centered": True, "weight_decay": 0.02}),
        ("adagrad", "adagrad", {"lr": 0.1}),
        ("adagrad_decay_init", "adagrad", {"lr": 0.1, "lr_decay": 0.05, "weight_decay": 0.01, "initial_accumulator_value": 0.1}),
        ("adadelta", "adadelta", {"lr": 1.0}),
        ("adadelta_wd", "adadelta", {"lr": 0.5, "rho": 0.8, "weight_decay": 0.1}),
        ("adamax", "adamax", {"lr": 0.01}),
        ("adamax_wd", "adamax", {"lr": 0.02, "betas": [0.8, 0.9], "weight_decay": 0.05}),
        ("nadam", "nadam", {"lr": 0.01}),
        ("nadam_wd", "nadam", {"lr": 0.02, "weight_decay": 0.05, "momentum_decay": 0.01}),
    ]
    ctor = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW,
            "rmsprop": torch.optim.RMSprop, "adagrad": torch.optim.Adagrad, "adadelta": torch.optim.Adadelta,
            "adamax": torch.optim.Adamax, "nadam": torch.optim.NAdam}
    cases = []
    for name, kind, hp in configs:
        p0 = [randn(3, 4), randn(4)]
        params = [p.clone().requires_grad_(True) for p in p0]
        kwargs = {k: (tuple(v) if k == "betas" else v) for k, v in hp.items() if k != "group_lrs"}
        if "group_lrs" in hp:
            groups = [{"params": [params[i]], "lr": hp["group_lrs"][i]} for i in range(2)]
            opt = ctor[kind](groups, **kwargs)
        else:
            opt = ctor[kind](params, **kwargs)
        steps = []
        for _ in range(3):
            grads = [randn(*p.shape) for p in p0]
            for p, g in zip(params, grads):
                p.grad = g.clone()
            opt.step()
            steps.append({"grads": [enc(g) for g in grads], "params": [enc(p) for p in params]})
        cases.append({"name": name, "kind": kind, "hyper": hp, "initial": [enc(p) for p in p0], "steps": steps})
    return cases


def model_cases():
    """A whole small convnet: two Adam training steps (loss, every parameter gradient, parameters, buffers)."""
    import torch.nn as nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            # No bias before batchnorm: its true gradient is 0, and Adam would amplify rounding noise into
            # full-size steps of arbitrary sign, which no two implementations agree on.
            self.conv2d_0 = nn.Conv2d(2, 4, 3, padding=1, bias=False)
            self.batchnorm_0 = nn.BatchNorm2d(4, momentum=0.1)
            self.conv2d_1 = nn.Conv2d(4, 4, 3, padding=1, groups=2)
            self.dense_0 = nn.Linear(4 * 3 * 3, 5)
            self.dense_1 = nn.Linear(5, 3)

        def forward(self, x):
            x = F.relu(self.batchnorm_0(self.conv2d_0(x)))
            x = F.max_pool2d(x, 2)
            x = F.gelu(self.conv2d_1(x))
            x = torch.flatten(x, 1)
            x = torch.tanh(self.dense_0(x))
            return self.dense_1(x)

    net = Net()
    initial = {k: enc(v) for k, v in net.state_dict().items() if not k.endswith("num_batches_tracked")}
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    x = randn(4, 2, 6, 6)
    labels = torch.tensor([0, 2, 1, 2])
    steps = []
    for _ in range(2):
        opt.zero_grad()
        loss = F.cross_entropy(net(x), labels)
        loss.backward()
        grads = {k: enc(p.grad) for k, p in net.named_parameters()}
        opt.step()
        state = {k: enc(v) for k, v in net.state_dict().items() if not k.endswith("num_batches_tracked")}
        steps.append({"loss": float(loss.item()), "grads": grads, "state": state})
    net.eval()
    with torch.no_grad():
        eval_logits = net(x)
    return [{"name": "convnet_adam", "input": enc(x), "labels": labels.tolist(), "initial": initial,
             "steps": steps, "eval_logits": enc(eval_logits)}]


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "layers.json"), "w") as f:
        json.dump({"torch": torch.__version__, "cases": layer_cases()}, f, separators=(",", ":"))
    with open(os.path.join(OUT, "optimizers.json"), "w") as f:
        json.dump({"torch": torch.__version__, "cases": optimizer_cases()}, f, separators=(",", ":"))
    with open(os.path.join(OUT, "models.json"), "w") as f:
        json.dump({"torch": torch.__version__, "cases": model_cases()}, f, separators=(",", ":"))
    for name in ("layers.json", "optimizers.json", "models.json"):
        print(name, os.path.getsize(os.path.join(OUT, name)), "bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
