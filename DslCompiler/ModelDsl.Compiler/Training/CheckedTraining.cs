using System.Linq;

namespace ModelDsl.Compiler.Training;

/// <summary>
/// A <c>train</c> declaration that passed every check, with everything resolved: what the TorchSharp and Cpu
/// emitters and the CLI <c>train</c> command need, with nothing left to derive. Value-equal and free of spans.
/// </summary>
/// <param name="Name">The declared name: the <c>as</c> alias, else the model name.</param>
/// <param name="ModelName">The model it trains.</param>
/// <param name="TrainerName">The generated trainer class (<c>MnistDnnTrainer</c>, <c>FinetuneTrainer</c>).</param>
/// <param name="IsNamed">True when declared with <c>as NAME</c>.</param>
/// <param name="SourcePath">The <c>.model</c> file that declares it.</param>
/// <param name="SourceDirectory">Its directory (for tools such as <c>modeldsl train</c>, which load data from there);
/// generated code never bakes it in: relative paths resolve at run time (docs/training.md, relative paths).</param>
/// <param name="Losses">One loss per model output, in output order, with the logits decision.</param>
/// <param name="Metrics">Metrics per output (a metrics list applies to every output).</param>
/// <param name="HistoryKeys">What the history records per epoch, without the <c>val_</c> forms: <c>loss</c>, for
/// several outputs <c>age_loss</c>…, then the metric keys. With validation data each also has a <c>val_</c> form.</param>
/// <param name="ValidationSplit">Fraction of the training data held out for validation (0: none).</param>
/// <param name="Seed">The random seed, or null for a random one.</param>
/// <param name="HasValidationData">True when validation_split &gt; 0 or data.validation is given.</param>
/// <param name="Stages">The stages in order (one implicit <c>main</c> stage when none is declared).</param>
/// <param name="Data">The data section, or null (data passed in code).</param>
public sealed record CheckedTraining(
    string Name,
    string ModelName,
    string TrainerName,
    bool IsNamed,
    string SourcePath,
    string SourceDirectory,
    EquatableArray<CheckedLoss> Losses,
    EquatableArray<CheckedMetric> Metrics,
    EquatableArray<string> HistoryKeys,
    double ValidationSplit,
    int? Seed,
    bool HasValidationData,
    EquatableArray<CheckedStage> Stages,
    CheckedData? Data)
{
    /// <summary>The <c>pretrained(...)</c> initialisations, applied in order when the trainer creates the model.</summary>
    public EquatableArray<CheckedPretrained> Pretrained { get; init; } = EquatableArray<CheckedPretrained>.Empty;

    /// <summary><c>validation_steps</c>: validation batches evaluated per epoch (from the start of the validation data), or null for all of it.</summary>
    public int? ValidationSteps { get; init; }

    /// <summary>Epochs over all stages.</summary>
    public int TotalEpochs => Stages.Sum(stage => stage.Epochs);

    /// <summary>The model's inputs (names and per-example shapes, null for a symbolic size): the trainer checks the data against them.</summary>
    public EquatableArray<TrainingTensor> Inputs { get; init; } = EquatableArray<TrainingTensor>.Empty;
}
