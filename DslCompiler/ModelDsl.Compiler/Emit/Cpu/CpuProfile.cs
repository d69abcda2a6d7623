using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Compiler.Emit.Cpu;

/// <summary>The Cpu backend: each model becomes a module of the embedded engine (see <see cref="ModuleEmitter"/> with
/// <see cref="CpuDialect"/>), each <c>train</c> a trainer over ModelDsl.Runtime's loop (see <see cref="CpuTrainerEmitter"/>).</summary>
public sealed class CpuProfile : ITrainerProfile
{
    public static readonly CpuProfile Instance = new();

    private CpuProfile()
    {
    }

    public Backend Backend => Backend.Cpu;

    public string EmitModel(CheckedModel model) => ModuleEmitter.Emit(model, new CpuDialect());

    public string EmitTraining(CheckedTraining training, CheckedModel model) => CpuTrainerEmitter.Emit(training, model);

    public IEnumerable<GeneratedSource> EmitSupportFiles(string @namespace) => Enumerable.Empty<GeneratedSource>();
}
