using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Compiler.Emit.TorchSharp;

/// <summary>The TorchSharp backend: each model becomes a <c>torch.nn.Module</c> subclass (see <see cref="ModuleEmitter"/> and
/// <see cref="TorchSharpDialect"/>), each <c>train</c> a trainer over ModelDsl.Runtime's training loop (see <see cref="TorchSharpTrainerEmitter"/>).</summary>
public sealed class TorchSharpProfile : ITrainerProfile
{
    public static readonly TorchSharpProfile Instance = new();

    private TorchSharpProfile()
    {
    }

    public Backend Backend => Backend.TorchSharp;

    public string EmitModel(CheckedModel model) => ModuleEmitter.Emit(model, new TorchSharpDialect());

    public string EmitTraining(CheckedTraining training, CheckedModel model) => TorchSharpTrainerEmitter.Emit(training, model);

    public IEnumerable<GeneratedSource> EmitSupportFiles(string @namespace) => Enumerable.Empty<GeneratedSource>();
}
