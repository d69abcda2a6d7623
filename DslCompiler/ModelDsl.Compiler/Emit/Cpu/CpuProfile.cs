using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit.Cpu;

/// <summary>The Cpu backend: each model becomes a module of the embedded engine (see <see cref="ModuleEmitter"/> and
/// <see cref="CpuDialect"/>).</summary>
public sealed class CpuProfile : IBackendProfile
{
    public static readonly CpuProfile Instance = new();

    private CpuProfile()
    {
    }

    public Backend Backend => Backend.Cpu;

    public string EmitModel(CheckedModel model) => ModuleEmitter.Emit(model, new CpuDialect());

    public IEnumerable<GeneratedSource> EmitSupportFiles(string @namespace) => Enumerable.Empty<GeneratedSource>();
}
