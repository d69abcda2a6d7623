using System.Linq;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Training;

/// <summary>Builds the <see cref="TrainingModel"/> view of a checked model (what <c>ModelCompiler</c> hands to
/// <see cref="TrainingChecker"/>).</summary>
public static class TrainingModelFactory
{
    public static TrainingModel From(CheckedModel model) => new(
        model.Name,
        model.Inputs.Select(input => new TrainingTensor(input.Name, Dims(input.Shape), input.Shape.ToString())).ToEquatableArray(),
        model.Outputs.Select(output => new TrainingOutput(output.Name, Dims(output.Shape), output.Shape.ToString(), output.FinalActivation?.SourceName)).ToEquatableArray(),
        model.Walk().Select(member => new TrainingModule(member.Path, member.Member.Parameters.Trainable)).ToEquatableArray(),
        model.Parameters.Trainable,
        model.Parameters.NonTrainable);

    // Symbolic sizes are unknown to the training checks, which then skip what depends on them.
    private static EquatableArray<long?> Dims(Shape shape) =>
        shape.Dims.Select(dim => dim.IsConstant ? dim.Constant : (long?)null).ToEquatableArray();
}
