using System;
using System.Linq;
using System.Text.Json;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Cpu.Optim;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests;

/// <summary>Three optimiser steps against PyTorch's update rules (parameters after every step).</summary>
public sealed class PyTorchOptimizerFixtureTests
{
    private const string File = "optimizers.json";

    public static TheoryData<string> Cases => Fixture.Names(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch(string name)
    {
        var c = Fixture.Case(File, name);
        var parameters = c.GetProperty("initial").EnumerateArray().Select(e => Fixture.Tensor(e, requiresGrad: true)).ToArray();
        var optimizer = Create(c.GetProperty("kind").GetString()!, c.GetProperty("hyper"), parameters);
        var step = 0;
        foreach (var s in c.GetProperty("steps").EnumerateArray())
        {
            step++;
            var grads = s.GetProperty("grads").EnumerateArray().ToArray();
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Grad = Fixture.Tensor(grads[i]);
            }

            optimizer.Step();
            var expected = s.GetProperty("params").EnumerateArray().ToArray();
            for (var i = 0; i < parameters.Length; i++)
            {
                Fixture.AssertClose(expected[i], parameters[i], $"step {step} parameter {i}");
            }
        }
    }

    private static Optimizer Create(string kind, JsonElement hp, Tensor[] parameters)
    {
        double Get(string key, double fallback) => hp.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        bool Flag(string key) => hp.TryGetProperty(key, out var v) && v.GetBoolean();
        (double, double) Betas((double, double) fallback) =>
            hp.TryGetProperty("betas", out var v) ? (v[0].GetDouble(), v[1].GetDouble()) : fallback;

        ParamGroup[] groups = hp.TryGetProperty("group_lrs", out var lrs)
            ? [new ParamGroup([parameters[0]], lrs[0].GetDouble()), new ParamGroup([parameters[1]], lrs[1].GetDouble())]
            : [new ParamGroup(parameters)];
        var lr = Get("lr", double.NaN);
        var wd = Get("weight_decay", 0);
        switch (kind)
        {
            case "sgd":
                return new Sgd(groups, lr, Get("momentum", 0), Flag("nesterov"), wd);
            case "adam":
            {
                var (b1, b2) = Betas((0.9, 0.999));
                return new Adam(groups, lr, b1, b2, Get("eps", 1e-8), wd, Flag("amsgrad"));
            }

            case "adamw":
            {
                var (b1, b2) = Betas((0.9, 0.999));
                return new AdamW(groups, lr, b1, b2, Get("eps", 1e-8), Get("weight_decay", 1e-2), Flag("amsgrad"));
            }

            case "rmsprop":
                return new RmsProp(groups, lr, Get("alpha", 0.99), Get("eps", 1e-8), wd, Get("momentum", 0), Flag("centered"));
            case "adagrad":
                return new Adagrad(groups, lr, Get("lr_decay", 0), wd, Get("initial_accumulator_value", 0), Get("eps", 1e-10));
            case "adadelta":
                return new Adadelta(groups, lr, Get("rho", 0.9), Get("eps", 1e-6), wd);
            case "adamax":
            {
                var (b1, b2) = Betas((0.9, 0.999));
                return new Adamax(groups, lr, b1, b2, Get("eps", 1e-8), wd);
            }

            case "nadam":
            {
                var (b1, b2) = Betas((0.9, 0.999));
                return new NAdam(groups, lr, b1, b2, Get("eps", 1e-8), wd, Get("momentum_decay", 4e-3));
            }

            default:
                throw new InvalidOperationException("unknown optimizer " + kind);
        }
    }
}
