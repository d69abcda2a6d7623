using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Module = ModelDsl.Runtime.Cpu.Modules.Module;
using ModelDsl.Compiler.Emit;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Tests.Emit;
using ModelDsl.Runtime.Cpu;

namespace ModelDsl.Compiler.Tests.Interop;

/// <summary>
/// Every sample and test model that checks without errors, compiled for the Cpu backend once per test run (one
/// in-memory assembly per .model file, imports resolved as a build does), with helpers to build and run them.
/// </summary>
internal static class GeneratedModels
{
    private static readonly Lazy<IReadOnlyList<GeneratedModel>> All = new(Compile);

    /// <summary>The .model files: the samples, the emitter's test models and the error-free baselines.</summary>
    public static IEnumerable<string> Files()
    {
        var repository = Path.GetFullPath(Path.Combine(Semantics.TestPaths.ProjectDirectory, "..", ".."));
        var samples = Directory.GetFiles(Path.Combine(repository, "Samples"), "*.model", SearchOption.AllDirectories);
        var emit = Directory.GetFiles(Path.Combine(Semantics.TestPaths.ProjectDirectory, "Emit", "Models"), "*.model");
        var baselines = Directory.GetDirectories(Semantics.TestPaths.Baselines).Select(d => Path.Combine(d, "main.model")).Where(File.Exists);
        return samples.Concat(emit).Concat(baselines).OrderBy(p => p, StringComparer.Ordinal);
    }

    /// <summary>Every model of those files, by a unique display name (<c>Samples/ResNet/Models/resnet50.model:ResNet50</c>).</summary>
    public static IReadOnlyList<GeneratedModel> Models => All.Value;

    public static IEnumerable<object[]> Names() => Models.Select(m => new object[] { m.Id });

    public static GeneratedModel Get(string id) => Models.Single(m => m.Id == id);

    private static IReadOnlyList<GeneratedModel> Compile()
    {
        var repository = Path.GetFullPath(Path.Combine(Semantics.TestPaths.ProjectDirectory, "..", ".."));
        var models = new List<GeneratedModel>();
        foreach (var file in Files())
        {
            var (files, _) = SourceFileLoader.Load(new[] { file });
            var result = ModelCompiler.Compile(files, CompilationOptions.Default with { Backend = Backend.Cpu }, default);
            var own = result.Models.Where(m => Path.GetFullPath(m.SourcePath) == Path.GetFullPath(file)).ToList();
            if (own.Count == 0)
            {
                continue;
            }

            var assembly = GeneratedCodeCompiler.Load(result.Sources.Select(s => s.Text));
            var relative = Path.GetRelativePath(repository, file).Replace('\\', '/');
            foreach (var model in own)
            {
                var type = assembly.GetTypes().Single(t => t.Name == CSharpNames.ToPascalCase(model.Name) && !t.IsNested && t.Namespace == CSharpNames.ToNamespace(model.Namespace, "ModelDsl.Generated") && typeof(Module).IsAssignableFrom(t));
                models.Add(new GeneratedModel(relative + ":" + model.Name, model, type));
            }
        }

        return models;
    }
}

/// <summary>One compiled model: its checked record and its generated Cpu class.</summary>
internal sealed record GeneratedModel(string Id, CheckedModel Model, Type Type)
{
    public Module Create(int seed) => (Module)Activator.CreateInstance(Type, new Generator(seed))!;

    /// <summary>Random inputs of batch <paramref name="batch"/>; every symbolic size becomes <paramref name="symbolSize"/>.</summary>
    public Tensor[] Inputs(int batch, int symbolSize, int seed) =>
        Model.Inputs
            .Select((input, i) => Tensor.Normal(new Generator(seed + i), new[] { batch }.Concat(input.Shape.Dims.Select(d => d.IsConstant ? (int)d.Constant : symbolSize)).ToArray()))
            .ToArray();

    /// <summary>Runs <c>Forward</c>; the outputs in declaration order.</summary>
    public Tensor[] Forward(Module module, Tensor[] inputs)
    {
        var forward = Type.GetMethods().Single(m => m.Name == "Forward" && m.DeclaringType == Type);
        var output = forward.Invoke(module, inputs.Cast<object>().ToArray())!;
        return output is Tensor single
            ? new[] { single }
            : output.GetType().GetProperties().Where(p => p.PropertyType == typeof(Tensor)).Select(p => (Tensor)p.GetValue(output)!).ToArray();
    }

    public void Invoke(Module module, string method, params object[] arguments)
    {
        try
        {
            Type.GetMethod(method, arguments.Select(a => a.GetType()).ToArray())!.Invoke(module, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    public override string ToString() => Id;
}
