using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ModelDsl.Runtime.Cpu;
using Xunit;

namespace ModelDsl.Runtime.Cpu.Tests;

/// <summary>Reads the PyTorch fixture files made by tools/pytorch-fixtures/make_fixtures.py.</summary>
internal static class Fixture
{
    // Relative tolerance required by the issue, with a small absolute floor for values near zero.
    public const double RelativeTolerance = 1e-4;
    public const double AbsoluteTolerance = 2e-5;

    private static readonly Dictionary<string, JsonDocument> Cache = [];

    public static JsonElement Cases(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var doc))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", file);
                doc = JsonDocument.Parse(File.ReadAllText(path));
                Cache[file] = doc;
            }

            return doc.RootElement.GetProperty("cases");
        }
    }

    public static TheoryData<string> Names(string file)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases(file).EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static JsonElement Case(string file, string name) =>
        Cases(file).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>A tensor from {"shape": [...], "data": [...]}.</summary>
    public static Tensor Tensor(JsonElement e, bool requiresGrad = false)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        var t = Cpu.Tensor.FromArray(data, shape);
        t.RequiresGrad = requiresGrad;
        return t;
    }

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static void AssertClose(JsonElement expected, Tensor? actual, string what)
    {
        Assert.True(actual is not null, $"{what}: no tensor (expected a gradient)");
        var e = Tensor(expected);
        Assert.True(e.Shape.SequenceEqual(actual!.Shape), $"{what}: shape [{string.Join(", ", actual.Shape)}], PyTorch [{string.Join(", ", e.Shape)}]");
        var a = actual.Data;
        var x = e.Data;
        for (var i = 0; i < x.Length; i++)
        {
            var error = Math.Abs(a[i] - x[i]);
            Assert.True(
                error <= AbsoluteTolerance + (RelativeTolerance * Math.Abs(x[i])),
                $"{what}[{i}]: engine {a[i]:G9}, PyTorch {x[i]:G9}");
        }
    }
}
