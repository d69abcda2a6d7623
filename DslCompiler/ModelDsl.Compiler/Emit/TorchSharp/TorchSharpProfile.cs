using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit.TorchSharp;

/// <summary>The TorchSharp backend: each model becomes a <c>torch.nn.Module</c> subclass (see <see cref="ModuleEmitter"/> and <see cref="TorchSharpDialect"/>).</summary>
public sealed class TorchSharpProfile : IBackendProfile
{
    public static readonly TorchSharpProfile Instance = new();

    private TorchSharpProfile()
    {
    }

    public Backend Backend => Backend.TorchSharp;

    public string EmitModel(CheckedModel model) => ModuleEmitter.Emit(model, new TorchSharpDialect());

    public IEnumerable<GeneratedSource> EmitSupportFiles(string @namespace) => Enumerable.Empty<GeneratedSource>();
}
