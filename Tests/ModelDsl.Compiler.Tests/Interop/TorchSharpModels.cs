using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using ModelDsl.Compiler.Emit;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Tests.Emit;
using TorchSharp;
using CpuTensor = ModelDsl.Runtime.Cpu.Tensor;

namespace ModelDsl.Compiler.Tests.Interop;

/// <summary>
/// The TorchSharp builds of <see cref="GeneratedModels"/>: every sample and test model generated for the TorchSharp
/// backend (one in-memory assembly per .model file), under the same ids, with helpers that take and return the Cpu
/// engine's tensors so the two backends can be compared directly.
/// </summary>
internal static class TorchSharpModels
{
    private static readonly Dictionary<string, Assembly> Assemblies = new(StringComparer.Ordinal);

    /// <summary>The TorchSharp build of the model <paramref name="id"/> names (<c>Samples/ResNet/Models/resnet50.model:ResNet50</c>).</summary>
    public static TorchSharpModel Get(string id)
    {
        var cpu = GeneratedModels.Get(id);
        var file = id[..id.LastIndexOf(':')];
        Assembly assembly;
        lock (Assemblies)
        {
            if (!Assemblies.TryGetValue(file, out assembly!))
            {
                var repository = Path.GetFullPath(Path.Combine(Semantics.TestPaths.ProjectDirectory, "..", ".."));
                var (files, _) = SourceFileLoader.Load(new[] { Path.Combine(repository, file) });
                var result = ModelCompiler.Compile(files, CompilationOptions.Default with { Backend = Backend.TorchSharp }, default);
                assembly = GeneratedCodeCompiler.Load(result.Sources.Select(s => s.Text));
                Assemblies[file] = assembly;
            }
        }

        var type = assembly.GetTypes().Single(t => t.Name == cpu.Type.Name && t.Namespace == cpu.Type.Namespace && !t.IsNested && typeof(torch.nn.Module).IsAssignableFrom(t));
        return new TorchSharpModel(id, cpu.Model, type);
    }
}

/// <summary>One model's generated TorchSharp class.</summary>
internal sealed record TorchSharpModel(string Id, CheckedModel Model, Type Type)
{
    /// <summary>A fresh instance, initialised from libtorch's generator seeded with <paramref name="seed"/>.</summary>
    public torch.nn.Module Create(long seed)
    {
        torch.random.manual_seed(seed);
        return (torch.nn.Module)Activator.CreateInstance(Type)!;
    }

    /// <summary>Runs <c>forward</c> without gradients on copies of <paramref name="inputs"/>; the outputs in declaration order, as Cpu tensors.</summary>
    public CpuTensor[] Forward(torch.nn.Module module, IReadOnlyList<CpuTensor> inputs)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var forward = Type.GetMethods().Single(m => m.Name == "forward" && m.DeclaringType == Type);
        var arguments = inputs.Select(i => (object)torch.tensor(i.ToArray(), i.Shape.Select(d => (long)d).ToArray())).ToArray();
        var output = forward.Invoke(module, arguments)!;
        var tensors = output is torch.Tensor single
            ? new[] { single }
            : output.GetType().GetProperties().Where(p => p.PropertyType == typeof(torch.Tensor)).Select(p => (torch.Tensor)p.GetValue(output)!).ToArray();
        return tensors.Select(t => CpuTensor.FromArray(t.contiguous().data<float>().ToArray(), t.shape.Select(d => (int)d).ToArray())).ToArray();
    }

    public void Invoke(torch.nn.Module module, string method, params object[] arguments)
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
