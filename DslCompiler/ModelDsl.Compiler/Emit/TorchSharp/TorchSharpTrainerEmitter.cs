using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Compiler.Emit.TorchSharp;

/// <summary>
/// Writes the trainer of one <c>train</c> declaration: a class that implements ModelDsl.Runtime's
/// <c>ITrainingSession</c> with TorchSharp (one optimisation step, evaluation, prediction, weight snapshots, checkpoint
/// payload) and hands the epochs, schedules, metrics, callbacks, checkpoints and progress to the backend-neutral
/// <c>TrainingLoop</c>, one call per stage. The loss reads logits (<c>ForwardLogits</c>) where the checker decided so.
/// </summary>
internal sealed class TorchSharpTrainerEmitter
{
    private const string Runtime = "global::ModelDsl.Runtime";
    private const string Training = Runtime + ".Training";
    private const string Torch = TorchSharpTypes.Torch;
    private const string Tensor = TorchSharpTypes.Tensor;
    private const string F = TorchSharpTypes.Functional;

    private readonly CheckedTraining _training;
    private readonly CheckedModel _model;
    private readonly CodeWriter _writer = new();
    private readonly string _modelType;
    private readonly bool _usesLogits;
    private readonly HashSet<int> _logitOutputs;

    private TorchSharpTrainerEmitter(CheckedTraining training, CheckedModel model)
    {
        _training = training;
        _model = model;
        var @namespace = CSharpNames.ToNamespace(model.Namespace, "ModelDsl.Generated");
        _modelType = "global::" + @namespace + "." + CSharpNames.ToPascalCase(model.Name);
        _logitOutputs = new HashSet<int>(ModuleEmitter.LogitOutputs(model, new TorchSharpDialect()));
        _usesLogits = _logitOutputs.Count > 0;
    }

    public static string Emit(CheckedTraining training, CheckedModel model)
    {
        var emitter = new TorchSharpTrainerEmitter(training, model);
        emitter.Write();
        return emitter._writer.ToString();
    }

    private IReadOnlyList<CheckedStage> Stages => _training.Stages;

    private int LastBatchSize => Stages.Count == 0 ? 32 : Stages[Stages.Count - 1].BatchSize;

    private void Write()
    {
        var @namespace = CSharpNames.ToNamespace(_model.Namespace, "ModelDsl.Generated");
        // Module.to(Device) is an instance method in TorchSharp 0.99.6 and an extension method in TorchSharp's namespace
        // in later releases; importing the namespace makes `_model.to(_device)` bind to either.
        GeneratedFileHeader.Write(_writer, _training.SourcePath, @namespace, "global::TorchSharp");
        var name = CSharpNames.ToPascalCase(_training.TrainerName);
        if (Stages.Count == 0 || _training.Losses.Count != _model.Outputs.Count)
        {
            _writer.Line("#error ModelDsl: the training " + CSharpLiterals.CommentText(_training.Name) + " has no stages or no loss per output.");
            return;
        }

        _writer.Line("/// <summary>");
        _writer.Line($"/// Trains <see cref=\"{_modelType}\"/> as the <c>train {Xml(_training.Name)}</c> declaration of <c>{Xml(FileName(_training.SourcePath))}</c> says:");
        _writer.Line($"/// {Xml(TrainerParts.Describe(_training))}.");
        _writer.Line("/// </summary>");
        _writer.Line("/// <remarks>");
        _writer.Line("/// Epochs, batches, schedules, metrics, validation, early stopping, checkpoints (weights, optimiser state, schedule");
        _writer.Line("/// position, epoch and callback state, so a resumed run matches an uninterrupted one) and progress are ModelDsl.Runtime's");
        _writer.Line("/// <c>TrainingLoop</c>; this class supplies the TorchSharp steps. Each batch runs in its own dispose scope; without");
        _writer.Line("/// augmentation the training inputs stay on the device for the whole run and each batch selects its rows there.");
        _writer.Line("/// </remarks>");
        using (_writer.Block($"public sealed partial class {name} : {Training}.ITrainingSession, {Training}.IResidentInputSession, global::System.IDisposable"))
        {
            WriteFields();
            WriteConstructor(name);
            WriteProperties();
            WriteFit();
            WriteEvaluateAndPredict();
            WriteLoadData();
            WriteStages();
            WriteSession();
            WriteTensorHelpers();
        }
    }

    private void WriteFields()
    {
        var names = string.Join(", ", _training.Losses.Select(l => CSharpLiterals.String(l.OutputName ?? "output")));
        _writer.Line($"private static readonly string[] OutputNameList = {{ {names} }};");
        _writer.BlankLine();
        TrainerParts.WriteMetricList(_writer, _training);
        _writer.BlankLine();
        _writer.Line($"private readonly {_modelType} _model;");
        _writer.Line($"private readonly {Torch}.Device _device;");
        _writer.Line($"private global::TorchSharp.Modules.OptimizerHelper? _optimizer;");
        _writer.Line("private int _stage = -1;");
        _writer.Line("private double _learningRate;");
        _writer.Line($"private global::System.Collections.Generic.IReadOnlyList<{Runtime}.Preprocessing.Normalizer>? _normalizers;");
        _writer.Line($"private {Runtime}.Reporting.History _history = new();");
    }

    private void WriteConstructor(string name)
    {
        _writer.BlankLine();
        _writer.Line("/// <summary>Creates a trainer for <paramref name=\"model\"/>, or for a new model whose initial weights come from <see cref=\"Seed\"/>.</summary>");
        _writer.Line("/// <param name=\"model\">The model to train; null builds a new one after seeding.</param>");
        TrainerParts.WriteSeedParameter(_writer, _training);
        _writer.Line("/// <param name=\"device\">A TorchSharp device name (<c>\"cpu\"</c>, <c>\"cuda\"</c>, <c>\"cuda:1\"</c>); null: CUDA when available, else the CPU.</param>");
        using (_writer.Block($"public {name}({_modelType}? model = null, int? seed = null, string? device = null)"))
        {
            _writer.Line(TrainerParts.SeedAssignment(_training));
            _writer.Line($"_device = device is null ? ({Torch}.cuda.is_available() ? {Torch}.CUDA : {Torch}.CPU) : {Torch}.device(device);");
            _writer.BlankLine();
            _writer.Line("// TorchSharp's layers draw their initial weights from the global generator (no per-module generator in its");
            _writer.Line("// API), so it is seeded before the model is built; dropout draws from it too (Fit seeds it again).");
            _writer.Line($"{Torch}.manual_seed(Seed);");
            _writer.Line($"_model = model ?? new {_modelType}();");
            TrainerParts.WritePretrained(_writer, _training);
            _writer.Line("_model.to(_device);");
            _writer.Line("StartStage(0);");
        }
    }

    private void WriteProperties()
    {
        TrainerParts.WriteCommonProperties(_writer, _modelType);
        _writer.BlankLine();
        _writer.Line("/// <summary>The device the model and every batch live on.</summary>");
        _writer.Line($"public {Torch}.Device Device => _device;");
    }

    private void WriteFit() => TrainerParts.WriteFit(_writer, _training, "this", $"{Torch}.manual_seed(Seed);");

    private void WriteEvaluateAndPredict()
    {
        TrainerParts.WriteEvaluateAndPredict(_writer, _training, "this", LastBatchSize, "forward");
        TrainerParts.WriteWeightMembers(_writer);
        TrainerParts.WriteSaveAndLoad(_writer, "this", "_model.LoadWeights(path);", "a safetensors weight file written by <see cref=\"SaveWeights\"/> on either backend");
        _writer.BlankLine();
        _writer.Line("/// <summary>Releases the optimiser (the model belongs to the caller).</summary>");
        _writer.Line("public void Dispose() => _optimizer?.Dispose();");
    }

    private void WriteStages()
    {
        TrainerParts.WriteStageOptions(_writer, _training);

        // Optimiser per stage.
        _writer.BlankLine();
        _writer.Line($"private static global::TorchSharp.Modules.OptimizerHelper CreateOptimizer(int stage, global::System.Collections.Generic.IEnumerable<global::TorchSharp.Modules.Parameter> parameters) => stage switch");
        _writer.Line("{");
        using (_writer.Indented())
        {
            for (var i = 0; i < Stages.Count; i++)
            {
                _writer.Line($"{i} => {Optimizer(Stages[i].Optimizer)},");
            }

            _writer.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(stage)),");
        }

        _writer.Line("};");

        TrainerParts.WriteFrozenModules(_writer, _training);

        _writer.BlankLine();
        _writer.Line("// Freezes the stage's modules and builds its optimiser over the remaining parameters (state does not carry over");
        _writer.Line("// between stages, as after a Keras re-compile).");
        using (_writer.Block("private void StartStage(int stage)"))
        {
            _writer.Line("if (stage == _stage)");
            _writer.Line("{");
            _writer.Line("    return;");
            _writer.Line("}");
            _writer.BlankLine();
            _writer.Line("var frozen = FrozenModules[stage];");
            _writer.Line("var trainable = new global::System.Collections.Generic.List<global::TorchSharp.Modules.Parameter>();");
            _writer.Line("foreach (var (name, parameter) in _model.named_parameters())");
            _writer.Line("{");
            using (_writer.Indented())
            {
                _writer.Line("var isFrozen = global::System.Array.Exists(frozen, prefix => name.StartsWith(prefix + \".\", global::System.StringComparison.Ordinal));");
                _writer.Line("parameter.requires_grad = !isFrozen;");
                _writer.Line("if (!isFrozen)");
                _writer.Line("{");
                _writer.Line("    trainable.Add(parameter);");
                _writer.Line("}");
            }

            _writer.Line("}");
            _writer.BlankLine();
            _writer.Line("_optimizer?.Dispose();");
            _writer.Line("_optimizer = CreateOptimizer(stage, trainable);");
            _writer.Line("_learningRate = StageOptions(stage).LearningRate ?? 0.0;");
            _writer.Line("_stage = stage;");
        }
    }

    private void WriteSession()
    {
        var session = Training + ".ITrainingSession";
        _writer.BlankLine();
        _writer.Line($"global::System.Collections.Generic.IReadOnlyList<string> {session}.OutputNames => OutputNameList;");
        _writer.BlankLine();
        _writer.Line($"double {session}.LearningRate");
        _writer.Line("{");
        using (_writer.Indented())
        {
            _writer.Line("get => _learningRate;");
            _writer.Line("set");
            _writer.Line("{");
            using (_writer.Indented())
            {
                _writer.Line("_learningRate = value;");
                _writer.Line("foreach (var group in _optimizer!.ParamGroups)");
                _writer.Line("{");
                _writer.Line("    group.LearningRate = value;");
                _writer.Line("}");
            }

            _writer.Line("}");
        }

        _writer.Line("}");

        _writer.BlankLine();
        using (_writer.Block($"{Training}.BatchResult {session}.TrainBatch({Runtime}.Data.Batch batch, bool returnOutputs)"))
        {
            _writer.Line($"using var scope = {Torch}.NewDisposeScope();");
            _writer.Line("_model.train();");
            _writer.Line("_optimizer!.zero_grad();");
            _writer.Line("var logits = Logits(batch);");
            _writer.Line("var loss = Loss(logits, batch, out var outputLosses);");
            _writer.Line("loss.backward();");
            _writer.Line("_optimizer.step();");
            _writer.Line($"return new {Training}.BatchResult(loss.item<float>(), outputLosses, returnOutputs ? ToArrays(Outputs(logits)) : null);");
        }

        _writer.BlankLine();
        using (_writer.Block($"{Training}.BatchResult {session}.EvaluateBatch({Runtime}.Data.Batch batch, bool returnOutputs)"))
        {
            _writer.Line($"using var scope = {Torch}.NewDisposeScope();");
            _writer.Line($"using var noGrad = {Torch}.no_grad();");
            _writer.Line("_model.eval();");
            _writer.Line("var logits = Logits(batch);");
            _writer.Line("var loss = Loss(logits, batch, out var outputLosses);");
            _writer.Line($"return new {Training}.BatchResult(loss.item<float>(), outputLosses, returnOutputs ? ToArrays(Outputs(logits)) : null);");
        }

        _writer.BlankLine();
        using (_writer.Block($"global::System.Collections.Generic.IReadOnlyList<float[]> {session}.Predict({Runtime}.Data.Batch batch)"))
        {
            _writer.Line($"using var scope = {Torch}.NewDisposeScope();");
            _writer.Line($"using var noGrad = {Torch}.no_grad();");
            _writer.Line("_model.eval();");
            _writer.Line("return ToArrays(Outputs(Logits(batch)));");
        }

        _writer.BlankLine();
        _writer.Line("// The training inputs, kept on the device while TrainingLoop.Fit runs (it asks only when no augmentation changes them");
        _writer.Line("// per step): a training batch is then an index_select of its rows, with no copy through .NET arrays.");
        using (_writer.Block($"global::System.IDisposable {Training}.IResidentInputSession.KeepInputs(global::System.Collections.Generic.IReadOnlyList<{Runtime}.Data.BatchTensor> inputs)"))
        {
            _writer.Line($"var tensors = new {Tensor}[inputs.Count];");
            _writer.Line("for (var i = 0; i < tensors.Length; i++)");
            _writer.Line("{");
            _writer.Line($"    tensors[i] = {Torch}.tensor(inputs[i].AsFloats(), inputs[i].LongShape, device: _device);");
            _writer.Line("}");
            _writer.BlankLine();
            _writer.Line("return new ResidentInputs(tensors);");
        }

        _writer.BlankLine();
        _writer.Line("// The checkpoint payload: the stage, the weights and buffers, the optimiser state (TorchSharp's formats), then the");
        _writer.Line("// generator state, so dropout after a resume draws what an uninterrupted run would have drawn.");
        using (_writer.Block($"void {session}.SaveState(global::System.IO.Stream stream)"))
        {
            _writer.Line("using var writer = new global::System.IO.BinaryWriter(stream, global::System.Text.Encoding.UTF8, leaveOpen: true);");
            _writer.Line("writer.Write(_stage);");
            _writer.Line("_model.save(writer);");
            _writer.Line("_optimizer!.save_state_dict(writer);");
            _writer.Line($"using var generator = {Torch}.random.get_rng_state();");
            _writer.Line("var bytes = generator.data<byte>().ToArray();");
            _writer.Line("writer.Write(bytes.Length);");
            _writer.Line("writer.Write(bytes);");
        }

        _writer.BlankLine();
        using (_writer.Block($"void {session}.LoadState(global::System.IO.Stream stream)"))
        {
            _writer.Line("using var reader = new global::System.IO.BinaryReader(stream, global::System.Text.Encoding.UTF8, leaveOpen: true);");
            _writer.Line("StartStage(reader.ReadInt32());");
            _writer.Line("_model.load(reader);");
            _writer.Line("_optimizer!.load_state_dict(reader);");
            _writer.Line("var bytes = reader.ReadBytes(reader.ReadInt32());");
            _writer.Line($"using var generator = {Torch}.tensor(bytes, {Torch}.ScalarType.Byte);");
            _writer.Line($"{Torch}.random.set_rng_state(generator);");
        }

        _writer.BlankLine();
        using (_writer.Block($"object {session}.SnapshotWeights()"))
        {
            _writer.Line($"var copy = new global::System.Collections.Generic.Dictionary<string, {Tensor}>();");
            _writer.Line("foreach (var (key, value) in _model.state_dict())");
            _writer.Line("{");
            _writer.Line("    copy[key] = value.detach().clone();");
            _writer.Line("}");
            _writer.BlankLine();
            _writer.Line("return copy;");
        }

        _writer.BlankLine();
        using (_writer.Block($"void {session}.RestoreWeights(object snapshot)"))
        {
            _writer.Line($"var saved = (global::System.Collections.Generic.Dictionary<string, {Tensor}>)snapshot;");
            _writer.Line($"using var noGrad = {Torch}.no_grad();");
            _writer.Line("foreach (var (key, value) in _model.state_dict())");
            _writer.Line("{");
            _writer.Line("    value.copy_(saved[key]);");
            _writer.Line("}");
        }

        _writer.BlankLine();
        _writer.Line("// One reduction per tensor on its device: only a boolean per weight crosses to .NET, never the values.");
        using (_writer.Block($"string? {session}.FindNonFiniteWeight()"))
        {
            _writer.Line($"using var scope = {Torch}.NewDisposeScope();");
            _writer.Line($"using var noGrad = {Torch}.no_grad();");
            _writer.Line("foreach (var (key, value) in _model.state_dict())");
            _writer.Line("{");
            using (_writer.Indented())
            {
                _writer.Line("if (!value.isfinite().all().item<bool>())");
                _writer.Line("{");
                _writer.Line("    return key;");
                _writer.Line("}");
            }

            _writer.Line("}");
            _writer.BlankLine();
            _writer.Line("return null;");
        }
    }

    private void WriteTensorHelpers()
    {
        var inputs = _model.Inputs.Count;
        var arguments = string.Join(", ", Enumerable.Range(0, inputs).Select(i => $"Input(batch, {i})"));
        var call = (_usesLogits ? "_model.ForwardLogits(" : "_model.forward(") + arguments + ")";

        _writer.BlankLine();
        _writer.Line(_usesLogits
            ? "// One tensor per output: logits where an output ends in softmax/sigmoid (ForwardLogits), else the output itself."
            : "// One tensor per output, as forward returns it.");
        using (_writer.Block($"private {Tensor}[] Logits({Runtime}.Data.Batch batch)"))
        {
            if (_model.Outputs.Count == 1)
            {
                _writer.Line($"return new[] {{ {call} }};");
            }
            else
            {
                _writer.Line($"var result = {call};");
                _writer.Line("return new[] { " + string.Join(", ", _model.Outputs.Select(o => "result." + CSharpNames.ToPascalCase(o.Name ?? o.Value))) + " };");
            }
        }

        _writer.BlankLine();
        _writer.Line("// The outputs as forward returns them: the final activation applied to the logits it was left out of.");
        using (_writer.Block($"private static {Tensor}[] Outputs({Tensor}[] logits)"))
        {
            var items = _model.Outputs.Select((o, i) =>
                _logitOutputs.Contains(i) ? TorchSharpLayers.Activation(o.FinalActivation!, $"logits[{i}]") : $"logits[{i}]");
            _writer.Line("return new[] { " + string.Join(", ", items) + " };");
        }

        _writer.BlankLine();
        _writer.Line("// The total loss (weighted sum over outputs); per-output losses are reported for several outputs.");
        using (_writer.Block($"private {Tensor} Loss({Tensor}[] logits, {Runtime}.Data.Batch batch, out double[]? outputLosses)"))
        {
            var needsOutputs = _training.Losses.Any(l => l.Formula is LossFormula.MeanSquaredError or LossFormula.MeanAbsoluteError or LossFormula.NegativeLogLikelihood);
            if (needsOutputs)
            {
                _writer.Line("var outputs = Outputs(logits);");
            }

            var terms = new List<string>();
            for (var i = 0; i < _training.Losses.Count; i++)
            {
                var loss = _training.Losses[i];
                _writer.Line($"var loss{i} = {LossExpression(loss, i)};  // {CSharpLiterals.CommentText((loss.OutputName is null ? string.Empty : loss.OutputName + ": ") + loss.Name)}");
                terms.Add(loss.Weight == 1.0 ? $"loss{i}" : $"(loss{i} * {CSharpLiterals.Double(loss.Weight)})");
            }

            if (_training.Losses.Count == 1)
            {
                _writer.Line("outputLosses = null;");
            }
            else
            {
                _writer.Line("outputLosses = new double[] { " + string.Join(", ", Enumerable.Range(0, _training.Losses.Count).Select(i => $"loss{i}.item<float>()")) + " };");
            }

            _writer.Line("return " + string.Join(" + ", terms) + ";");
        }

        _writer.BlankLine();
        _writer.Line("// A model input of the batch on the device: its rows of the kept training inputs, or the batch's own values.");
        _writer.Line($"private {Tensor} Input({Runtime}.Data.Batch batch, int input) =>");
        _writer.Line("    batch.ResidentInputs is ResidentInputs resident ? resident.Rows(input, batch.Indices, _device) : Values(batch.Inputs[input]);");
        _writer.BlankLine();
        _writer.Line("// A batch column as a float tensor on the device, with the batch's shape.");
        _writer.Line($"private {Tensor} Values({Runtime}.Data.BatchTensor tensor) => {Torch}.tensor(tensor.AsFloats(), tensor.LongShape).to(_device);");
        _writer.BlankLine();
        _writer.Line("// Class indices as a long tensor [N]; one-hot rows are turned into their indices.");
        _writer.Line($"private {Tensor} ClassIndices({Runtime}.Data.BatchTensor tensor) =>");
        _writer.Line($"    tensor.IsClassIndices ? {Torch}.tensor(tensor.AsLongClassIndices(), new long[] {{ tensor.BatchSize }}).to(_device) : Values(tensor).argmax(1);");
        _writer.BlankLine();
        _writer.Line("// A target for an output: class indices where the loss takes them, else values shaped like the output.");
        _writer.Line($"private {Tensor} Target({Runtime}.Data.BatchTensor tensor, {Tensor} output, bool classIndices) =>");
        _writer.Line("    classIndices && tensor.IsClassIndices ? ClassIndices(tensor) : Values(tensor).reshape(output.shape);");
        _writer.BlankLine();
        using (_writer.Block($"private static global::System.Collections.Generic.IReadOnlyList<float[]> ToArrays({Tensor}[] tensors)"))
        {
            _writer.Line("var arrays = new float[tensors.Length][];");
            _writer.Line("for (var i = 0; i < tensors.Length; i++)");
            _writer.Line("{");
            _writer.Line("    arrays[i] = tensors[i].detach().cpu().data<float>().ToArray();");
            _writer.Line("}");
            _writer.BlankLine();
            _writer.Line("return arrays;");
        }

        _writer.BlankLine();
        _writer.Line("// Every example's inputs on the device, one tensor per model input, until Fit ends.");
        using (_writer.Block($"private sealed class ResidentInputs({Tensor}[] tensors) : global::System.IDisposable"))
        {
            _writer.Line($"public {Tensor} Rows(int input, int[] indices, {Torch}.Device device)");
            _writer.Line("{");
            using (_writer.Indented())
            {
                _writer.Line($"var rows = {Torch}.tensor(global::System.Array.ConvertAll(indices, i => (long)i), device: device);");
                _writer.Line("return tensors[input].index_select(0, rows);");
            }

            _writer.Line("}");
            _writer.BlankLine();
            _writer.Line("public void Dispose()");
            _writer.Line("{");
            _writer.Line("    foreach (var tensor in tensors)");
            _writer.Line("    {");
            _writer.Line("        tensor.Dispose();");
            _writer.Line("    }");
            _writer.Line("}");
        }
    }

    private void WriteLoadData() => TrainerParts.WriteLoadData(_writer, _training);

    private string LossExpression(CheckedLoss loss, int i)
    {
        var logits = $"logits[{i}]";
        var output = $"outputs[{i}]";
        var target = $"batch.Targets[{i}]";
        return loss.Formula switch
        {
            LossFormula.SoftmaxCrossEntropy => $"{F}.cross_entropy({logits}, Target({target}, {logits}, classIndices: true))",
            LossFormula.NegativeLogLikelihood => $"{F}.nll_loss({output}, ClassIndices({target}))",
            LossFormula.BinaryCrossEntropyWithLogits => $"{F}.binary_cross_entropy_with_logits({logits}, Target({target}, {logits}, classIndices: false))",
            LossFormula.MeanAbsoluteError => $"{F}.l1_loss({output}, Target({target}, {output}, classIndices: false))",
            _ => $"{F}.mse_loss({output}, Target({target}, {output}, classIndices: false))",
        };
    }

    private static string Optimizer(CheckedOptimizer optimizer)
    {
        var a = optimizer.Arguments;
        string N(string name, double fallback) => CSharpLiterals.Double(a.NumberOrNull(name) ?? fallback);
        string B(string name) => CSharpLiterals.Bool(a.Find(name)?.Value is BooleanValue { Value: true });
        var optim = Torch + ".optim";
        return optimizer.Kind switch
        {
            OptimizerKind.Sgd => $"{optim}.SGD(parameters, {N("lr", 0.01)}, {N("momentum", 0)}, 0.0, {N("weight_decay", 0)}, {B("nesterov")})",
            OptimizerKind.Adam => $"{optim}.Adam(parameters, {N("lr", 0.001)}, {N("beta1", 0.9)}, {N("beta2", 0.999)}, {N("eps", 1e-8)}, {N("weight_decay", 0)}, {B("amsgrad")})",
            OptimizerKind.AdamW => $"{optim}.AdamW(parameters, {N("lr", 0.001)}, {N("beta1", 0.9)}, {N("beta2", 0.999)}, {N("eps", 1e-8)}, {N("weight_decay", 0.01)}, {B("amsgrad")})",
            OptimizerKind.RmsProp => $"{optim}.RMSProp(parameters, {N("lr", 0.001)}, {N("rho", 0.9)}, {N("eps", 1e-8)}, {N("weight_decay", 0)}, {N("momentum", 0)}, {B("centered")})",
            OptimizerKind.Adagrad => $"{optim}.Adagrad(parameters, {N("lr", 0.01)}, {N("lr_decay", 0)}, {N("weight_decay", 0)}, {N("initial_accumulator", 0)}, {N("eps", 1e-10)})",
            OptimizerKind.Adadelta => $"{optim}.Adadelta(parameters, {N("lr", 1.0)}, {N("rho", 0.9)}, {N("eps", 1e-6)}, {N("weight_decay", 0)})",
            OptimizerKind.Adamax => $"{optim}.Adamax(parameters, {N("lr", 0.002)}, {N("beta1", 0.9)}, {N("beta2", 0.999)}, {N("eps", 1e-8)}, {N("weight_decay", 0)})",
            _ => $"{optim}.NAdam(parameters, {N("lr", 0.002)}, {N("beta1", 0.9)}, {N("beta2", 0.999)}, {N("eps", 1e-8)}, {N("weight_decay", 0)}, {N("momentum_decay", 0.004)})",
        };
    }

    private static string Xml(string text) => CSharpLiterals.XmlDocText(text);

    private static string FileName(string path)
    {
        var slash = path.LastIndexOfAny(new[] { '/', '\\' });
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}
