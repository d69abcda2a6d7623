using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelDsl.Compiler;
using CompilationOptions = ModelDsl.Compiler.CompilationOptions;

namespace ModelDsl.Generators.Pipeline;

/// <summary>Turns build properties and the compilation's references into the compiler's options.</summary>
public static class CompilationOptionsFactory
{
    /// <summary>The namespace of generated types when a project has no RootNamespace (scripts, odd hosts).</summary>
    public const string FallbackNamespace = "ModelDsl.Generated";

    public const string TorchSharpAssemblyName = "TorchSharp";

    public static bool ReferencesTorchSharp(Compilation compilation) =>
        compilation.ReferencedAssemblyNames.Any(identity => string.Equals(identity.Name, TorchSharpAssemblyName, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// <c>ModelDslBackend</c> wins when it names a backend; otherwise TorchSharp when the project references it,
    /// else the embedded Cpu engine, which needs nothing native and so always builds.
    /// </summary>
    public static CompilationOptions Create(BuildProperties properties, bool referencesTorchSharp, bool emit = true) =>
        new(SelectBackend(properties.Backend, referencesTorchSharp), properties.RootNamespace ?? FallbackNamespace, emit);

    public static Backend SelectBackend(string? property, bool referencesTorchSharp) =>
        TryParseBackend(property, out var backend) ? backend
        : referencesTorchSharp ? Backend.TorchSharp
        : Backend.Cpu;

    public static bool TryParseBackend(string? value, out Backend backend)
    {
        if (string.Equals(value, nameof(Backend.TorchSharp), StringComparison.OrdinalIgnoreCase))
        {
            backend = Backend.TorchSharp;
            return true;
        }

        if (string.Equals(value, nameof(Backend.Cpu), StringComparison.OrdinalIgnoreCase))
        {
            backend = Backend.Cpu;
            return true;
        }

        backend = default;
        return false;
    }
}
