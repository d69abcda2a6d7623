using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// The parts of a generated trainer that are the same for every backend, because they only configure ModelDsl.Runtime:
/// the per-stage <c>TrainingOptions</c> (schedules, metrics, normalisation, callbacks), the freeze lists, the metric list
/// and <c>LoadData</c> for the <c>data { }</c> block.
/// </summary>
internal static class TrainerParts
{
    private const string Runtime = "global::ModelDsl.Runtime";
    private const string Training = Runtime + ".Training";

    /// <summary>One line on what the declaration trains, for the trainer's XML docs.</summary>
    public static string Describe(CheckedTraining training)
    {
        var stages = training.Stages;
        var losses = string.Join(", ", training.Losses.Select(l => (l.OutputName is null ? string.Empty : l.OutputName + ": ") + l.Name));
        var plan = stages.Count == 1
            ? $"{Counted.Of(stages[0].Epochs, "epoch")} of {stages[0].Optimizer} with batches of {stages[0].BatchSize}"
            : string.Join("; ", stages.Select(s => $"stage {s.Name}: {Counted.Of(s.Epochs, "epoch")} of {s.Optimizer}"));
        return $"loss {losses}; {plan}";
    }

    /// <summary><c>MetricList</c>: the metrics computed for every output.</summary>
    public static void WriteMetricList(CodeWriter writer, CheckedTraining training)
    {
        // One entry per metric; when outputs read it differently (one binary, one categorical) one entry per output.
        var metrics = new List<string>();
        foreach (var group in training.Metrics.GroupBy(m => (m.Name, m.K)))
        {
            var entries = group.ToList();
            var uniform = entries.All(m => (m.Form == MetricForm.Binary) == (entries[0].Form == MetricForm.Binary));
            foreach (var m in uniform ? entries.Take(1) : entries)
            {
                metrics.Add(MetricSpec(m, uniform ? null : m.OutputName));
            }
        }

        writer.Line($"private static readonly {Training}.MetricSpec[] MetricList = {{ {string.Join(", ", metrics)} }};");
    }

    private static string MetricSpec(CheckedMetric metric, string? output)
    {
        var spec = metric.Kind == MetricKind.TopK
            ? $"new {Training}.MetricSpec({CSharpLiterals.String(metric.Name)}, {CSharpLiterals.Int(metric.K ?? 5)})"
            : $"new {Training}.MetricSpec({CSharpLiterals.String(metric.Name)})";
        var init = new List<string>();
        if (metric.Form == MetricForm.Binary)
        {
            init.Add("Binary = true");
        }

        if (output is not null)
        {
            init.Add("Output = " + CSharpLiterals.String(output));
        }

        return init.Count == 0 ? spec : spec + " { " + string.Join(", ", init) + " }";
    }

    /// <summary>
    /// <c>Fit</c>: runs every stage through ModelDsl.Runtime's <c>TrainingLoop</c> with <paramref name="session"/>, honouring
    /// <c>Epochs</c> and resumption. <paramref name="firstStatement"/> is a backend's set-up line (seeding), if any.
    /// </summary>
    public static void WriteFit(CodeWriter writer, CheckedTraining training, string session, string? firstStatement)
    {
        writer.BlankLine();
        writer.Line("/// <summary>");
        writer.Line("/// Trains every stage in order and returns the per-epoch history. With <paramref name=\"resumeFrom\"/>, training continues");
        writer.Line("/// exactly where that checkpoint left off (earlier stages are skipped).");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"train\">The training data (one input column per model input, one target column per output).</param>");
        writer.Line(training.ValidationSplit > 0
            ? $"/// <param name=\"validation\">Validation data; when null, {Xml(CSharpLiterals.Double(training.ValidationSplit))} of <paramref name=\"train\"/> is held out.</param>"
            : "/// <param name=\"validation\">Validation data (for the <c>val_</c> metrics), or null.</param>");
        writer.Line("/// <param name=\"resumeFrom\">A checkpoint written by this trainer, or null to start afresh.</param>");
        writer.Line("/// <param name=\"cancellationToken\">Stops training after the current epoch.</param>");
        using (writer.Block($"public {Runtime}.Reporting.History Fit({Runtime}.Data.Dataset train, {Runtime}.Data.Dataset? validation = null, string? resumeFrom = null, global::System.Threading.CancellationToken cancellationToken = default)"))
        {
            if (firstStatement is not null)
            {
                writer.Line(firstStatement);
            }

            writer.Line($"var history = new {Runtime}.Reporting.History();");
            writer.Line($"var resumeEpoch = resumeFrom is null ? -1 : {Training}.CheckpointFile.ReadState(resumeFrom).EpochsCompleted;");
            writer.Line($"for (var stage = 0; stage < {CSharpLiterals.Int(training.Stages.Count)}; stage++)");
            writer.Line("{");
            using (writer.Indented())
            {
                writer.Line("var options = StageOptions(stage);");
                writer.Line($"if (Epochs is {{ }} epochs && stage == {CSharpLiterals.Int(training.Stages.Count - 1)})");
                writer.Line("{");
                writer.Line("    options = options with { Epochs = options.InitialEpoch + epochs };");
                writer.Line("}");
                writer.BlankLine();
                writer.Line("if (resumeEpoch > options.Epochs)");
                writer.Line("{");
                writer.Line("    continue;");
                writer.Line("}");
                writer.BlankLine();
                writer.Line("StartStage(stage);");
                writer.Line("options = options with { Seed = Seed, Progress = Progress, Normalizers = _normalizers, ResumeFrom = resumeEpoch >= 0 ? resumeFrom : null };");
                writer.Line("if (Callbacks.Count > 0)");
                writer.Line("{");
                writer.Line("    options = options with { Callbacks = [.. options.Callbacks, .. Callbacks] };");
                writer.Line("}");
                writer.BlankLine();
                writer.Line("resumeEpoch = -1;");
                writer.Line($"var result = {Training}.TrainingLoop.Fit({session}, train, validation, options, cancellationToken);");
                writer.Line("history.AddRange(result.History);");
                writer.Line("_normalizers = result.Normalizers;");
                writer.Line($"if (result.StopReason != {Training}.StopReason.Completed)");
                writer.Line("{");
                writer.Line("    break;");
                writer.Line("}");
            }

            writer.Line("}");
            writer.BlankLine();
            writer.Line("_history = history;");
            writer.Line("return history;");
        }
    }

    /// <summary>The constructor's <c>seed</c> documentation and the first line of its body (the same on both backends).</summary>
    public static void WriteSeedParameter(CodeWriter writer, CheckedTraining training)
    {
        writer.Line(training.Seed is null
            ? "/// <param name=\"seed\">Seeds the initial weights, shuffling, dropout and augmentation; random when null.</param>"
            : "/// <param name=\"seed\">Seeds the initial weights, shuffling, dropout and augmentation; the declaration's <c>seed</c> when null.</param>");
    }

    /// <summary><c>Seed = seed ?? …;</c>: the declaration's seed when the caller gives none, else a random one.</summary>
    public static string SeedAssignment(CheckedTraining training) => training.Seed is { } seed
        ? $"Seed = seed ?? {CSharpLiterals.Int(seed)};"
        : "Seed = seed ?? global::System.Random.Shared.Next();";

    /// <summary>The properties every trainer has: Model, Seed, Epochs, Progress, Normalizers, History, Callbacks.</summary>
    public static void WriteCommonProperties(CodeWriter writer, string modelType)
    {
        writer.BlankLine();
        writer.Line("/// <summary>The model being trained.</summary>");
        writer.Line($"public {modelType} Model => _model;");
        writer.BlankLine();
        writer.Line("/// <summary>Seeds the initial weights, shuffling, dropout and augmentation.</summary>");
        writer.Line("public int Seed { get; }");
        writer.BlankLine();
        writer.Line("/// <summary>Replaces the declared number of epochs of the last (or only) stage; null keeps the .model file's.</summary>");
        writer.Line("public int? Epochs { get; set; }");
        writer.BlankLine();
        writer.Line("/// <summary>Where progress goes; null writes to the console.</summary>");
        writer.Line($"public {Runtime}.Progress.IProgressReporter? Progress {{ get; set; }}");
        writer.BlankLine();
        writer.Line("/// <summary>");
        writer.Line("/// The input normalisers: fitted on the training data by <see cref=\"Fit\"/>, or read from a checkpoint by");
        writer.Line("/// <see cref=\"LoadWeights\"/>; Evaluate and Predict apply them.");
        writer.Line("/// </summary>");
        writer.Line($"public global::System.Collections.Generic.IReadOnlyList<{Runtime}.Preprocessing.Normalizer>? Normalizers {{ get => _normalizers; set => _normalizers = value; }}");
        writer.BlankLine();
        writer.Line("/// <summary>The per-epoch history of the last <see cref=\"Fit\"/> (empty before).</summary>");
        writer.Line($"public {Runtime}.Reporting.History History => _history;");
        writer.BlankLine();
        writer.Line("/// <summary>Callbacks run by <see cref=\"Fit\"/> after the declaration's own (early stopping, checkpoints).</summary>");
        writer.Line($"public global::System.Collections.Generic.List<{Runtime}.Callbacks.ITrainingCallback> Callbacks {{ get; }} = new();");
    }

    /// <summary>
    /// <c>Evaluate</c>, <c>Predict</c> and the normalisers they use. Before <c>Fit</c> or a checkpoint has supplied
    /// fitted statistics, a normalisation that needs none (scale, range, mean_std) is built from the declaration, and
    /// <c>standardize</c> (statistics of the training data) is refused rather than silently skipped.
    /// </summary>
    public static void WriteEvaluateAndPredict(CodeWriter writer, CheckedTraining training, string session, int batchSize, string forwardName)
    {
        writer.BlankLine();
        writer.Line("/// <summary>Loss and metrics over <paramref name=\"data\"/> in evaluation mode (inputs normalised as in training).</summary>");
        writer.Line($"public global::System.Collections.Generic.Dictionary<string, double> Evaluate({Runtime}.Data.Dataset data) =>");
        writer.Line($"    {Training}.TrainingLoop.Evaluate({session}, data, {CSharpLiterals.Int(batchSize)}, MetricList, InferenceNormalizers(data));");
        writer.BlankLine();
        writer.Line($"/// <summary>The model's outputs for every example of <paramref name=\"data\"/>: one row-major array per output, as <c>{forwardName}</c> returns them.</summary>");
        writer.Line($"public global::System.Collections.Generic.IReadOnlyList<float[]> Predict({Runtime}.Data.Dataset data) =>");
        writer.Line($"    {Training}.TrainingLoop.Predict({session}, data, {CSharpLiterals.Int(batchSize)}, InferenceNormalizers(data));");
        writer.BlankLine();
        var normalize = training.Data?.Normalize;
        if (normalize is null)
        {
            writer.Line("// The declaration normalises nothing; normalisers set by hand still apply.");
            writer.Line($"private global::System.Collections.Generic.IReadOnlyList<{Runtime}.Preprocessing.Normalizer>? InferenceNormalizers({Runtime}.Data.Dataset data) => _normalizers;");
        }
        else if (normalize.Kind == NormalizationKind.Standardize)
        {
            writer.Line("// standardize uses statistics of the training data: they come from Fit or from a checkpoint, never from these inputs.");
            writer.Line($"private global::System.Collections.Generic.IReadOnlyList<{Runtime}.Preprocessing.Normalizer> InferenceNormalizers({Runtime}.Data.Dataset data) => _normalizers ??");
            writer.Line($"    throw new {Training}.TrainingException(\"normalize: standardize needs the statistics of the training data: call Fit, or LoadWeights with a checkpoint (Save, or a checkpoint(...) callback's file) that holds them.\");");
        }
        else
        {
            writer.Line("// Before Fit or a checkpoint, the declared normalisation needs no statistics, so it is built from the .model file.");
            writer.Line($"private global::System.Collections.Generic.IReadOnlyList<{Runtime}.Preprocessing.Normalizer> InferenceNormalizers({Runtime}.Data.Dataset data) =>");
            writer.Line($"    _normalizers ?? {Training}.TrainingLoop.FitNormalizers({Normalization(normalize)}, data);");
        }
    }

    /// <summary>
    /// <c>Save</c> (a checkpoint: weights, optimiser state and the fitted normalisers) and <c>LoadWeights</c>, which reads
    /// such a checkpoint (normalisers included) or, for any other file, runs <paramref name="loadWeightsFile"/>.
    /// </summary>
    public static void WriteSaveAndLoad(CodeWriter writer, string session, string loadWeightsFile, string weightsFileDescription)
    {
        writer.BlankLine();
        writer.Line("/// <summary>");
        writer.Line("/// Saves a checkpoint to <paramref name=\"path\"/>, atomically: weights, optimiser state, the fitted normalisers and the");
        writer.Line("/// history, so <see cref=\"LoadWeights\"/> on a fresh trainer predicts exactly as this one does.");
        writer.Line("/// </summary>");
        using (writer.Block("public void Save(string path)"))
        {
            writer.Line($"var state = new {Training}.TrainingState(_history.Count, 0, Seed, StageOptions(_stage).LearningRate ?? 0.0, _history,");
            writer.Line($"    new global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.IReadOnlyDictionary<string, double>>(), _normalizers ?? global::System.Array.Empty<{Runtime}.Preprocessing.Normalizer>());");
            writer.Line($"{Training}.CheckpointFile.Save(path, state, {session});");
        }

        writer.BlankLine();
        writer.Line("/// <summary>");
        writer.Line("/// Loads a checkpoint written by <see cref=\"Save\"/> or a <c>checkpoint(...)</c> callback (weights, optimiser state and");
        writer.Line($"/// the normalisers fitted in training), or {weightsFileDescription}.");
        writer.Line("/// </summary>");
        using (writer.Block("public void LoadWeights(string path)"))
        {
            writer.Line($"if ({Training}.CheckpointFile.IsCheckpoint(path))");
            writer.Line("{");
            using (writer.Indented())
            {
                writer.Line($"var state = {Training}.CheckpointFile.Load(path, {session});");
                writer.Line("_normalizers = state.Normalizers.Count > 0 ? state.Normalizers : _normalizers;");
                writer.Line("return;");
            }

            writer.Line("}");
            writer.BlankLine();
            writer.Line(loadWeightsFile);
        }
    }

    /// <summary><c>StageOptions(int stage)</c>: the runtime's options for each stage.</summary>
    public static void WriteStageOptions(CodeWriter writer, CheckedTraining training)
    {
        writer.BlankLine();
        writer.Line($"private static {Training}.TrainingOptions StageOptions(int stage) => stage switch");
        writer.Line("{");
        using (writer.Indented())
        {
            for (var i = 0; i < training.Stages.Count; i++)
            {
                var s = training.Stages[i];
                writer.Line($"{i} => new {Training}.TrainingOptions");
                writer.Line("{");
                using (writer.Indented())
                {
                    writer.Line($"Epochs = {CSharpLiterals.Int(s.FirstEpoch + s.Epochs)},");
                    writer.Line($"InitialEpoch = {CSharpLiterals.Int(s.FirstEpoch)},");
                    writer.Line($"BatchSize = {CSharpLiterals.Int(s.BatchSize)},");
                    if (s.StepsPerEpoch is { } steps)
                    {
                        writer.Line($"StepsPerEpoch = {CSharpLiterals.Int(steps)},");
                    }

                    writer.Line($"Shuffle = {CSharpLiterals.Bool(s.Shuffle)},");
                    writer.Line($"ValidationSplit = {CSharpLiterals.Double(training.ValidationSplit)},");
                    if (training.ValidationSteps is { } validationSteps)
                    {
                        writer.Line($"ValidationSteps = {CSharpLiterals.Int(validationSteps)},");
                    }

                    writer.Line($"LearningRate = {CSharpLiterals.Double(s.Optimizer.LearningRate)},");
                    if (s.Schedule is { } schedule)
                    {
                        writer.Line($"Schedule = {Schedule(schedule)},");
                    }

                    writer.Line("Metrics = MetricList,");
                    if (!training.Inputs.IsEmpty)
                    {
                        writer.Line($"InputShapes = new {Training}.InputShape[] {{ {string.Join(", ", training.Inputs.Select(InputShape))} }},");
                    }

                    if (OutputClassCounts(training) is { } classCounts)
                    {
                        writer.Line($"OutputClassCounts = new int?[] {{ {classCounts} }},");
                    }

                    if (training.Data?.Normalize is { } normalize)
                    {
                        writer.Line($"Normalization = {Normalization(normalize)},");
                    }

                    if (training.Data is { Augment.IsEmpty: false } withAugment)
                    {
                        writer.Line($"Augmentation = new {Runtime}.Augmentation.AugmentationStep[] {{ {string.Join(", ", withAugment.Augment.Select(Augmentation))} }},");
                    }

                    var callbacks = Callbacks(s).ToList();
                    if (callbacks.Count > 0)
                    {
                        writer.Line($"Callbacks = new {Runtime}.Callbacks.ITrainingCallback[]");
                        writer.Line("{");
                        using (writer.Indented())
                        {
                            foreach (var callback in callbacks)
                            {
                                writer.Line(callback + ",");
                            }
                        }

                        writer.Line("},");
                    }
                }

                writer.Line("},");
            }

            writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(stage)),");
        }

        writer.Line("};");

    }

    /// <summary>The <c>pretrained(...)</c> initialisations, applied to a model the trainer creates (a model passed in keeps its weights).</summary>
    public static void WritePretrained(CodeWriter writer, CheckedTraining training)
    {
        if (training.Pretrained.IsEmpty)
        {
            return;
        }

        using (writer.Block("if (model is null)"))
        {
            writer.Line("// pretrained(...) of the train declaration: initial weights before training.");
            foreach (var pretrained in training.Pretrained)
            {
                var map = WeightMemberDocs.NameMap + (pretrained.Map == "torchvision" ? ".Torchvision" : ".None");
                var arguments = new[] { CSharpLiterals.String(pretrained.Path), map }.Concat(pretrained.Parts.Select(CSharpLiterals.String));
                writer.Line($"_model.{WeightMemberDocs.Pretrained}({string.Join(", ", arguments)});");
            }
        }
    }

    /// <summary><c>SaveWeights</c> and <c>ExportOnnx</c> (<c>LoadWeights</c> comes with <see cref="WriteSaveAndLoad"/>): the model's portable weights (safetensors), the same file on every backend.</summary>
    public static void WriteWeightMembers(CodeWriter writer)
    {
        writer.BlankLine();
        writer.Line("/// <summary>Saves the model's weights to a safetensors file (keys = the .model names), atomically; either backend loads it.</summary>");
        writer.Line($"public void {WeightMemberDocs.Save}(string path) => _model.{WeightMemberDocs.Save}(path);");
        writer.BlankLine();
        writer.Line("/// <summary>Writes the model as an ONNX file for deployment (inference mode; see the model's <c>ExportOnnx</c>).</summary>");
        writer.Line($"public void {WeightMemberDocs.ExportOnnx}(string path) => _model.{WeightMemberDocs.ExportOnnx}(path);");
    }

    private static string InputShape(TrainingTensor input) =>
        $"new {Training}.InputShape({CSharpLiterals.String(input.Name)}, new long[] {{ {string.Join(", ", input.Dims.Select(d => d is { } size ? CSharpLiterals.Long(size) : "-1"))} }})";

    /// <summary><c>FrozenModules</c>: per stage, the qualified names of the modules it does not train.</summary>
    public static void WriteFrozenModules(CodeWriter writer, CheckedTraining training)
    {
        writer.BlankLine();
        writer.Line("// Modules whose parameters a stage does not train (freeze lists), by qualified name.");
        writer.Line("private static readonly string[][] FrozenModules =");
        writer.Line("{");
        using (writer.Indented())
        {
            foreach (var stage in training.Stages)
            {
                writer.Line(stage.Freeze.IsEmpty ? "global::System.Array.Empty<string>()," : "new[] { " + string.Join(", ", stage.Freeze.Select(CSharpLiterals.String)) + " },");
            }
        }

        writer.Line("};");

    }

    /// <summary><c>LoadData(directory)</c> for the <c>data { }</c> block, when it names training data.</summary>
    public static void WriteLoadData(CodeWriter writer, CheckedTraining training)
    {
        if (training.Data is not { Train: { } train } data)
        {
            return;
        }

        var dataset = Runtime + ".Data.Dataset";
        var classCount = training.Losses.Count == 1 && ClassCount(training.Losses[0]) is { } units ? ", classCount: " + CSharpLiterals.Int(units) : string.Empty;
        writer.BlankLine();
        writer.Line("/// <summary>");
        writer.Line("/// Loads the data the <c>data { }</c> block names. Relative paths resolve against <paramref name=\"directory\"/>");
        writer.Line("/// (default: the current directory), as written in the .model file. Validation and test data use the training");
        writer.Line(classCount.Length > 0
            ? "/// data's classes (an unknown label is an error naming file and row), whose number must fit the model's output."
            : "/// data's classes (an unknown label is an error naming file and row).");
        writer.Line("/// </summary>");
        using (writer.Block($"public static ({dataset} Train, {dataset}? Validation, {dataset}? Test) LoadData(string? directory = null)"))
        {
            writer.Line($"var data = new {Runtime}.Data.DataSettings");
            writer.Line("{");
            using (writer.Indented())
            {
                writer.Line($"Train = {DataSource(train, training)},");
                if (data.Validation is { } validation)
                {
                    writer.Line($"Validation = {DataSource(validation, training)},");
                }

                if (data.Test is { } test)
                {
                    writer.Line($"Test = {DataSource(test, training)},");
                }

                if (data.TestSplit > 0)
                {
                    writer.Line($"TestSplit = {CSharpLiterals.Double(data.TestSplit)}, // the last fraction of Train is the test data");
                }
            }

            writer.Line($"}}.Load(directory ?? global::System.IO.Directory.GetCurrentDirectory(){classCount});");
            writer.Line("return (data.Train!, data.Validation, data.Test);");
        }
    }

    /// <summary>The classes a loss's output distinguishes, for class-index and one-hot targets.</summary>
    private static int? ClassCount(CheckedLoss loss) =>
        loss.Targets is TargetKind.ClassIndex or TargetKind.OneHot ? loss.ClassCount : null;

    /// <summary>"10, null": per output (in output order) its class count, or null when no output has one.</summary>
    private static string? OutputClassCounts(CheckedTraining training)
    {
        if (!training.Losses.Any(l => ClassCount(l) is not null))
        {
            return null;
        }

        var counts = new int?[training.Losses.Max(l => l.OutputIndex) + 1];
        foreach (var loss in training.Losses)
        {
            counts[loss.OutputIndex] = ClassCount(loss);
        }

        return string.Join(", ", counts.Select(c => c is { } n ? CSharpLiterals.Int(n) : "null"));
    }

    private static string DataSource(CheckedDataSource source, CheckedTraining training)
    {
        if (source.Kind == DataSourceKind.Table)
        {
            return Table(source, training);
        }

        var a = source.Arguments;
        string Text(string name, string fallback) => CSharpLiterals.String(a.Text(name) ?? fallback);
        var size = a.Size("size") is { } s ? $"new {Runtime}.Data.ImageSize({CSharpLiterals.Int(s.Height)}, {CSharpLiterals.Int(s.Width)})" : "null";
        var color = $"{Runtime}.Images.ColorMode." + (a.Text("color") == "grayscale" ? "Grayscale" : "Rgb");
        var sources = Runtime + ".Data.DataSource";

        // resize: n and crop: (h, w) are written only where declared, by name, so a reader sees which sizing applies.
        var sizing = (a.NumberOrNull("resize") is { } resize ? ", resize: " + CSharpLiterals.Int((int)resize) : string.Empty)
            + (a.Size("crop") is { } crop ? $", crop: new {Runtime}.Data.ImageSize({CSharpLiterals.Int(crop.Height)}, {CSharpLiterals.Int(crop.Width)})" : string.Empty);
        return source.Kind switch
        {
            DataSourceKind.Idx => $"{sources}.Idx({Text("images", string.Empty)}, {Text("labels", string.Empty)})",
            DataSourceKind.Folder => $"{sources}.Folder({Text("path", string.Empty)}, {size}, {color}{sizing})",
            DataSourceKind.Csv => $"{sources}.Csv({Text("file", string.Empty)}, {Text("path", "path")}, {Text("label", "label")}, {size}, {color}{sizing})",
            _ => $"{sources}.Json({Text("file", string.Empty)}, {Text("path", "path")}, {Text("label", "label")}, {size}, {color}{sizing})",
        };
    }

    /// <summary><c>DataSource.Table</c> with the table's columns, one target per output in output order.</summary>
    private static string Table(CheckedDataSource source, CheckedTraining training)
    {
        var a = source.Arguments;
        var data = Runtime + ".Data";
        string Columns(EquatableArray<ColumnRef> columns) =>
            $"new {data}.TableColumn[] {{ {string.Join(", ", columns.Select(c => c.Name is { } name ? $"{data}.TableColumn.Named({CSharpLiterals.String(name)})" : $"{data}.TableColumn.At({CSharpLiterals.Int(c.Index)})"))} }}";
        var features = a.Find("features")?.Value is ColumnsValue declared ? Columns(declared.Columns) : "null";
        var featureCount = training.Inputs.Count == 1 && training.Inputs[0].Dims.Count == 1 && training.Inputs[0].Dims[0] is { } width ? width : -1;
        var map = (TargetColumnsValue)a.Find("target")!.Value;
        var targets = training.Losses.Select(loss =>
        {
            var entry = map.Targets.FirstOrDefault(t => t.Output == loss.OutputName) ?? map.Targets[0];
            var output = CSharpLiterals.String(loss.OutputName ?? "output");
            return loss.Targets is TargetKind.ClassIndex or TargetKind.OneHot
                ? $"new {data}.TableTarget({output}, {Columns(entry.Columns)}, Classes: true, ClassCount: {CSharpLiterals.Int(loss.ClassCount ?? 0)})"
                : $"new {data}.TableTarget({output}, {Columns(entry.Columns)})";
        });
        var header = a.Find("header")?.Value is not BooleanValue { Value: false };
        var spec = $"new {data}.TableSpec({features}, FeatureCount: {CSharpLiterals.Int((int)featureCount)}, Targets: new {data}.TableTarget[] {{ {string.Join(", ", targets)} }}, Header: {CSharpLiterals.Bool(header)}, Delimiter: {CSharpLiterals.String(a.Text("delimiter") ?? ",")})";
        return $"{data}.DataSource.Table({CSharpLiterals.String(a.Text("file") ?? string.Empty)}, {spec})";
    }

    private static string Schedule(CheckedSchedule schedule)
    {
        var a = schedule.Arguments;
        var schedules = Runtime + ".Schedules.LearningRateSchedule";
        string N(string name, double fallback) => CSharpLiterals.Double(a.NumberOrNull(name) ?? fallback);
        var expression = schedule.Kind switch
        {
            ScheduleKind.TimeDecay => $"{schedules}.TimeDecay({N("decay", 0)})",
            ScheduleKind.StepDecay => $"{schedules}.StepDecay({N("rate", 0.5)}, {CSharpLiterals.Int((int)(a.NumberOrNull("every") ?? 1))})",
            ScheduleKind.Exponential => $"{schedules}.Exponential({N("gamma", 0.9)})",
            ScheduleKind.Cosine => $"{schedules}.Cosine({N("min_lr", 0)})",
            ScheduleKind.LinearDecay => $"{schedules}.LinearDecay({N("decay", 0)}, {N("min_lr", 0)})",
            _ => $"{schedules}.Warmup({CSharpLiterals.Int((int)(a.NumberOrNull("epochs") ?? 1))}{(schedule.Then is { } then ? ", " + Schedule(then) : string.Empty)})",
        };
        return schedule.Per == ScheduleUnit.Step ? expression + " with { PerStep = true }" : expression;
    }

    private static string Normalization(CheckedNormalization normalization)
    {
        var a = normalization.Arguments;
        var type = Runtime + ".Preprocessing.Normalization";
        string N(int index, double fallback) => CSharpLiterals.Double(index < a.Count && a[index].Value is NumberValue n ? n.Value : fallback);
        string L(int index) => "new double[] { " + (index < a.Count && a[index].Value is NumberListValue list ? string.Join(", ", list.Values.Select(CSharpLiterals.Double)) : string.Empty) + " }";
        return normalization.Kind switch
        {
            NormalizationKind.Scale => $"{type}.Scale({N(0, 255)})",
            NormalizationKind.Range => $"{type}.Range({N(0, 0)}, {N(1, 1)})",
            NormalizationKind.Standardize => a.Find("global")?.Value is BooleanValue { Value: true } ? $"{type}.Standardize(global: true)" : $"{type}.Standardize()",
            _ => $"{type}.MeanStd({L(0)}, {L(1)})",
        };
    }

    private static string Augmentation(CheckedAugmentation augmentation)
    {
        var a = augmentation.Arguments;
        var steps = Runtime + ".Augmentation.";
        string N(string name, double fallback) => CSharpLiterals.Double(a.NumberOrNull(name) ?? fallback);
        string B(string name) => CSharpLiterals.Bool(a.Find(name)?.Value is BooleanValue { Value: true });
        return augmentation.Kind switch
        {
            AugmentationKind.Flip => $"new {steps}FlipStep({B("horizontal")}, {B("vertical")})",
            AugmentationKind.Rotate => $"new {steps}RotateStep({N("degrees", 0)})",
            AugmentationKind.Shift => $"new {steps}ShiftStep({N("width", 0)}, {N("height", 0)})",
            AugmentationKind.Zoom => $"new {steps}ZoomStep({N("min", 1)}, {N("max", 1)})",
            AugmentationKind.Shear => $"new {steps}ShearStep(Degrees: {N("degrees", 0)})",
            AugmentationKind.Rot90 => $"new {steps}Rot90Step(QuarterTurns: new int[] {{ {string.Join(", ", a.Numbers("k").Select(k => CSharpLiterals.Int((int)k)))} }})",
            _ => $"new {steps}BrightnessStep({N("min", 1)}, {N("max", 1)})",
        };
    }

    private static IEnumerable<string> Callbacks(CheckedStage stage)
    {
        var callbacks = Runtime + ".Callbacks";
        if (stage.EarlyStopping is { } early)
        {
            yield return $"new {callbacks}.EarlyStopping({CSharpLiterals.String(early.Monitor.Name)}, {CSharpLiterals.Int(early.Patience)}, {CSharpLiterals.Double(early.MinDelta)}, {Mode(early.Monitor.Mode)}, {CSharpLiterals.Bool(early.RestoreBest)})";
        }

        if (stage.Checkpoint is { } checkpoint)
        {
            var monitor = checkpoint.Monitor is null ? "null" : CSharpLiterals.String(checkpoint.Monitor.Name);
            var mode = checkpoint.Monitor is null ? callbacks + ".MonitorMode.Auto" : Mode(checkpoint.Monitor.Mode);
            yield return $"new {callbacks}.ModelCheckpoint({CSharpLiterals.String(checkpoint.Path)}, {monitor}, {CSharpLiterals.Bool(checkpoint.SaveBestOnly)}, {CSharpLiterals.Int(checkpoint.Every)}, {mode})";
        }
    }

    private static string Mode(ModelDsl.Compiler.Training.MonitorMode mode) =>
        Runtime + ".Callbacks.MonitorMode." + (mode == ModelDsl.Compiler.Training.MonitorMode.Max ? "Max" : "Min");

    private static string Xml(string text) => CSharpLiterals.XmlDocText(text);
}
