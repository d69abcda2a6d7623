using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Training;

/// <summary>
/// The Training stage: checks <c>train</c> declarations into <see cref="CheckedTraining"/> records that the emitters
/// and the CLI consume without re-deriving anything (defaults resolved, stages merged, freeze lists resolved and
/// counted, the logits decision made per output, monitors and checkpoint patterns validated).
/// <para>Entry points (called by <c>ModelCompiler</c> after the models are checked):</para>
/// <list type="bullet">
/// <item><see cref="CheckAll"/>(trains, models): every train declaration of a compilation, including the duplicate check.
/// <c>models</c> maps every declared model name to its <see cref="TrainingModel"/>, or to null when the model has errors
/// (its trainings are still checked for independent mistakes, but produce no record and no cascade).</item>
/// <item><see cref="Check"/>(train, model, declaredModels): one declaration.</item>
/// <item><see cref="TrainingModelFactory"/>.From(checkedModel) builds the <see cref="TrainingModel"/> view of a semantic model.</item>
/// </list>
/// Never throws on user input: every problem is an MD21xx/MD4xxx error or an MD51xx warning.
/// </summary>
public static class TrainingChecker
{
    /// <summary>Checks one train declaration against its model (null when the model is unknown or has errors).</summary>
    /// <param name="train">The declaration.</param>
    /// <param name="model">Its model, or null.</param>
    /// <param name="declaredModels">Every declared model name (for "unknown model" with did-you-mean).</param>
    public static TrainingCheckResult Check(TrainDeclarationSyntax train, TrainingModel? model, IReadOnlyCollection<string> declaredModels) =>
        TrainDeclarationChecker.Check(train, model, declaredModels);

    /// <summary>Checks every train declaration of a compilation: each on its own, then duplicates (two unnamed trains
    /// of one model, or two trains with one name). A duplicate produces no record; the first declaration keeps its own.</summary>
    public static (EquatableArray<CheckedTraining> Trainings, EquatableArray<Diagnostic> Diagnostics) CheckAll(
        IEnumerable<TrainDeclarationSyntax> trains,
        IReadOnlyDictionary<string, TrainingModel?> models)
    {
        var declared = models.Keys.ToList();
        var trainings = new List<CheckedTraining>();
        var diagnostics = new List<Diagnostic>();
        var firstByName = new Dictionary<string, TrainDeclarationSyntax>();
        foreach (var train in trains)
        {
            models.TryGetValue(train.Model.Name, out var model);
            var result = Check(train, model, declared);
            diagnostics.AddRange(result.Diagnostics);
            var name = train.Name.Name;
            if (firstByName.TryGetValue(name, out var first))
            {
                diagnostics.Add(DiagnosticCatalog.DuplicateTrain(train.Name.Span, name, first.Name.Span, unnamed: train.Alias is null && first.Alias is null));
                continue;
            }

            firstByName[name] = train;
            if (result.Training is not null)
            {
                trainings.Add(result.Training);
            }
        }

        return (trainings.ToEquatableArray(), diagnostics.ToEquatableArray());
    }
}
