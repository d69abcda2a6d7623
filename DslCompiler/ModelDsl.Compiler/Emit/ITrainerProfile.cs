using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// A backend profile that also writes trainers. Kept apart from <see cref="IBackendProfile"/> so a backend can emit
/// models before it emits trainers: <see cref="SourceEmitter"/> writes trainers only for profiles that implement this.
/// </summary>
public interface ITrainerProfile : IBackendProfile
{
    /// <summary>The C# for one <c>train</c> declaration (its trainer class) against its checked model.</summary>
    string EmitTraining(CheckedTraining training, CheckedModel model);
}
