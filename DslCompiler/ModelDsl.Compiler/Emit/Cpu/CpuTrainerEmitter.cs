using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Compiler.Emit.Cpu;

/// <summary>
/// Writes the Cpu trainer of one <c>train</c> declaration: the engine's steps come from
/// <c>ModelDsl.Runtime.Cpu.Training.CpuTrainingSession</c> (losses, logits, state files, weight snapshots), epochs,
/// schedules, metrics, callbacks, checkpoints and progress from ModelDsl.Runtime's <c>TrainingLoop</c>, one call per
/// stage. What is left to generate is what the declaration says: the losses per output, the optimiser and freeze list of
/// each stage, and the runtime options (<see cref="TrainerParts"/>, shared with the TorchSharp trainer).
/// </summary>
internal sealed class CpuTrainerEmitter
{
    private const string Runtime = "global::ModelDsl.Runtime";
    private const string Training = Runtime + ".Training";
    private const string CpuTraining = "global::ModelDsl.Runtime.Cpu.Training";
    private const string Tensor = CpuTypes.Tensor;
    private const string TensorList = "global::System.Collections.Generic.IReadOnlyList<" + Tensor + ">";

    private readonly CheckedTraining _training;
    private readonly CheckedModel _model;
    private readonly CodeWriter _writer = new();
    private readonly string _modelType;
    private readonly HashSet<int> _logitOutputs;

    private CpuTrainerEmitter(CheckedTraining training, CheckedModel model)
    {
        _training = training;
        _model = model;
        var @namespace = CSharpNames.ToNamespace(model.Namespace, "ModelDsl.Generated");
        _modelType = "global::" + @namespace + "." + CSharpNames.ToPascalCase(model.Name);
        _logitOutputs = new HashSet<int>(ModuleEmitter.LogitOutputs(model, new CpuDialect()));
    }

    public static string Emit(CheckedTraining training, CheckedModel model)
    {
        var emitter = new CpuTrainerEmitter(training, model);
        emitter.Write();
        return emitter._writer.ToString();
    }

    private IReadOnlyList<CheckedStage> Stages => _training.Stages;

    private int LastBatchSize => Stages[Stages.Count - 1].BatchSize;

    private void Write()
    {
        var @namespace = CSharpNames.ToNamespace(_model.Namespace, "ModelDsl.Generated");
        GeneratedFileHeader.Write(_writer, _training.SourcePath, @namespace);
        var name = CSharpNames.ToPascalCase(_training.TrainerName);
        if (Stages.Count == 0 || _training.Losses.Count != _model.Outputs.Count)
        {
            _writer.Line("#error ModelDsl: the training " + CSharpLiterals.CommentText(_training.Name) + " has no stages or no loss per output.");
            return;
        }

        _writer.Line("/// <summary>");
        _writer.Line($"/// Trains <see cref=\"{_modelType}\"/> on the Cpu engine as the <c>train {Xml(_training.Name)}</c> declaration of <c>{Xml(FileName(_training.SourcePath))}</c> says:");
        _writer.Line($"/// {Xml(TrainerParts.Describe(_training))}.");
        _writer.Line("/// </summary>");
        _writer.Line("/// <remarks>");
        _writer.Line("/// Epochs, batches, schedules, metrics, validation, early stopping, checkpoints (weights, optimiser state, schedule");
        _writer.Line("/// position, epoch and callback state, so a resumed run matches an uninterrupted one) and progress are ModelDsl.Runtime's");
        _writer.Line("/// <c>TrainingLoop</c>; the engine's steps are a <c>CpuTrainingSession</c>.");
        _writer.Line("/// </remarks>");
        using (_writer.Block($"public sealed partial class {name} : global::System.IDisposable"))
        {
            WriteFields();
            WriteConstructor(name);
            WriteProperties();
            WriteFit();
            WriteEvaluateAndPredict();
            TrainerParts.WriteLoadData(_writer, _training);
            WriteStages();
            WriteForwards();
        }
    }

    private void WriteFields()
    {
        TrainerParts.WriteMetricList(_writer, _training);
        _writer.BlankLine();
        _writer.Line("// One loss per output, with the compiler's logits decision: fused losses read the logits of ForwardLogits.");
        _writer.Line($"private static readonly {CpuTraining}.OutputLoss[] Losses =");
        _writer.Line("{");
        using (_writer.Indented())
        {
            for (var i = 0; i < _training.Losses.Count; i++)
            {
                _writer.Line(OutputLoss(_training.Losses[i], i) + ",");
            }
        }

        _writer.Line("};");
        _writer.BlankLine();
        _writer.Line($"private readonly {_modelType} _model;");
        _writer.Line($"private readonly {CpuTraining}.CpuTrainingSession _session;");
        _writer.Line("private int _stage;");
        _writer.Line($"private global::System.Collections.Generic.IReadOnlyList<{Runtime}.Preprocessing.Normalizer>? _normalizers;");
        _writer.Line($"private {Runtime}.Reporting.History _history = new();");
    }

    private string OutputLoss(CheckedLoss loss, int index)
    {
        var function = loss.Formula switch
        {
            LossFormula.MeanSquaredError => "MeanSquaredError",
            LossFormula.MeanAbsoluteError => "MeanAbsoluteError",
            LossFormula.BinaryCrossEntropyWithLogits => "BinaryCrossEntropyWithLogits",
            LossFormula.SoftmaxCrossEntropy => "SoftmaxCrossEntropy",
            _ => "NegativeLogLikelihood",
        };
        var arguments = new List<string>
        {
            CSharpLiterals.String(loss.OutputName ?? "output"),
            $"{CpuTraining}.LossFunction.{function}",
        };
        if (_logitOutputs.Contains(index))
        {
            var activation = _model.Outputs[index].FinalActivation?.Function == ActivationFunction.Sigmoid ? "Sigmoid" : "Softmax";
            arguments.Add("ReadsLogits: true");
            arguments.Add($"Activation: {CpuTraining}.OutputActivation.{activation}");
        }

        if (loss.Weight != 1.0)
        {
            arguments.Add("Weight: " + CSharpLiterals.Double(loss.Weight));
        }

        return $"new {CpuTraining}.OutputLoss({string.Join(", ", arguments)})";
    }

    private void WriteConstructor(string name)
    {
        _writer.BlankLine();
        _writer.Line("/// <summary>Creates a trainer for <paramref name=\"model\"/>, or for a new model whose initial weights come from <see cref=\"Seed\"/>.</summary>");
        _writer.Line("/// <param name=\"model\">The model to train; null builds a new one from the seed.</param>");
        TrainerParts.WriteSeedParameter(_writer, _training);
        _writer.Line("/// <param name=\"device\">Null or <c>\"cpu\"</c>: the Cpu engine runs on the CPU (the parameter is here so the same code builds on both backends).</param>");
        using (_writer.Block($"public {name}({_modelType}? model = null, int? seed = null, string? device = null)"))
        {
            _writer.Line("if (device is not null && !string.Equals(device, \"cpu\", global::System.StringComparison.OrdinalIgnoreCase))");
            _writer.Line("{");
            _writer.Line("    throw new global::System.ArgumentException($\"The Cpu backend runs on the CPU only, not on '{device}'; generate the TorchSharp backend for GPUs.\", nameof(device));");
            _writer.Line("}");
            _writer.BlankLine();
            _writer.Line(TrainerParts.SeedAssignment(_training));
            _writer.Line($"global::ModelDsl.Runtime.Cpu.CpuEngine.ManualSeed(Seed);");
            _writer.Line($"_model = model ?? new {_modelType}(new {CpuTypes.Generator}(Seed));");
            _writer.Line($"_session = new {CpuTraining}.CpuTrainingSession(_model, Outputs, TrainingOutputs, Losses, CreateOptimizer(0, TrainableParameters(0)));");
        }
    }

    private void WriteProperties()
    {
        TrainerParts.WriteCommonProperties(_writer, _modelType);
        _writer.BlankLine();
        _writer.Line("/// <summary>The training session the runtime's loop drives (for custom loops).</summary>");
        _writer.Line($"public {Training}.ITrainingSession Session => _session;");
    }

    private void WriteFit() => TrainerParts.WriteFit(_writer, _training, "_session", null);

    private void WriteEvaluateAndPredict()
    {
        TrainerParts.WriteEvaluateAndPredict(_writer, _training, "_session", LastBatchSize, "Forward");
        _writer.BlankLine();
        _writer.Line("/// <summary>Saves the model's weights and buffers (the engine's checksummed state format) to <paramref name=\"path\"/>, atomically.</summary>");
        _writer.Line("public void SaveWeights(string path) => global::ModelDsl.Runtime.Cpu.State.StateFile.Save(path, _model);");
        TrainerParts.WriteSaveAndLoad(_writer, "_session", "global::ModelDsl.Runtime.Cpu.State.StateFile.Load(path, _model);", "weights saved by <see cref=\"SaveWeights\"/> (a file that does not fit the model is refused, naming the difference)");
        _writer.BlankLine();
        _writer.Line("/// <summary>Releases nothing (the engine's tensors are managed memory); here so <c>using</c> reads the same on both backends.</summary>");
        _writer.Line("public void Dispose()");
        _writer.Line("{");
        _writer.Line("}");
    }

    private void WriteStages()
    {
        TrainerParts.WriteStageOptions(_writer, _training);

        _writer.BlankLine();
        _writer.Line($"private static global::ModelDsl.Runtime.Cpu.Optim.Optimizer CreateOptimizer(int stage, global::System.Collections.Generic.IEnumerable<{Tensor}> parameters) => stage switch");
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
        _writer.BlankLine();
        TrainerParts.WriteFrozenModules(_writer, _training);

        _writer.BlankLine();
        _writer.Line("// Marks the parameters of the stage's frozen modules as not requiring gradients; returns the others.");
        using (_writer.Block($"private global::System.Collections.Generic.List<{Tensor}> TrainableParameters(int stage)"))
        {
            _writer.Line("var frozen = FrozenModules[stage];");
            _writer.Line($"var trainable = new global::System.Collections.Generic.List<{Tensor}>();");
            _writer.Line("foreach (var (name, parameter) in _model.NamedParameters())");
            _writer.Line("{");
            using (_writer.Indented())
            {
                _writer.Line("var isFrozen = global::System.Array.Exists(frozen, prefix => name.StartsWith(prefix + \".\", global::System.StringComparison.Ordinal));");
                _writer.Line("parameter.RequiresGrad = !isFrozen;");
                _writer.Line("if (!isFrozen)");
                _writer.Line("{");
                _writer.Line("    trainable.Add(parameter);");
                _writer.Line("}");
            }

            _writer.Line("}");
            _writer.BlankLine();
            _writer.Line("return trainable;");
        }

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
            _writer.Line("_session.Optimizer = CreateOptimizer(stage, TrainableParameters(stage));");
            _writer.Line("_stage = stage;");
        }
    }

    private void WriteForwards()
    {
        var arguments = string.Join(", ", Enumerable.Range(0, _model.Inputs.Count).Select(i => $"inputs[{i}]"));
        WriteForward("Outputs", "// The outputs as Forward returns them (probabilities after a final softmax/sigmoid).", "_model.Forward(" + arguments + ")");
        WriteForward(
            "TrainingOutputs",
            _logitOutputs.Count > 0
                ? "// What the losses read: logits where an output ends in softmax/sigmoid (ForwardLogits), else the output itself."
                : "// What the losses read: the outputs themselves (no output ends in softmax/sigmoid).",
            (_logitOutputs.Count > 0 ? "_model.ForwardLogits(" : "_model.Forward(") + arguments + ")");
    }

    private void WriteForward(string name, string comment, string call)
    {
        _writer.BlankLine();
        _writer.Line(comment);
        if (_model.Outputs.Count == 1)
        {
            _writer.Line($"private {TensorList} {name}({TensorList} inputs) => new[] {{ {call} }};");
            return;
        }

        using (_writer.Block($"private {TensorList} {name}({TensorList} inputs)"))
        {
            _writer.Line($"var result = {call};");
            _writer.Line("return new[] { " + string.Join(", ", _model.Outputs.Select(o => "result." + CSharpNames.ToPascalCase(o.Name ?? o.Value))) + " };");
        }
    }

    private static string Optimizer(CheckedOptimizer optimizer)
    {
        var a = optimizer.Arguments;
        string N(string name, double fallback) => CSharpLiterals.Double(a.NumberOrNull(name) ?? fallback);
        string B(string name) => CSharpLiterals.Bool(a.Find(name)?.Value is BooleanValue { Value: true });
        var optim = "new global::ModelDsl.Runtime.Cpu.Optim.";
        return optimizer.Kind switch
        {
            OptimizerKind.Sgd => $"{optim}Sgd(parameters, lr: {N("lr", 0.01)}, momentum: {N("momentum", 0)}, nesterov: {B("nesterov")}, weightDecay: {N("weight_decay", 0)})",
            OptimizerKind.Adam => $"{optim}Adam(parameters, lr: {N("lr", 0.001)}, beta1: {N("beta1", 0.9)}, beta2: {N("beta2", 0.999)}, eps: {N("eps", 1e-8)}, weightDecay: {N("weight_decay", 0)}, amsgrad: {B("amsgrad")})",
            OptimizerKind.AdamW => $"{optim}AdamW(parameters, lr: {N("lr", 0.001)}, beta1: {N("beta1", 0.9)}, beta2: {N("beta2", 0.999)}, eps: {N("eps", 1e-8)}, weightDecay: {N("weight_decay", 0.01)}, amsgrad: {B("amsgrad")})",
            OptimizerKind.RmsProp => $"{optim}RmsProp(parameters, lr: {N("lr", 0.001)}, alpha: {N("rho", 0.9)}, eps: {N("eps", 1e-8)}, weightDecay: {N("weight_decay", 0)}, momentum: {N("momentum", 0)}, centered: {B("centered")})",
            OptimizerKind.Adagrad => $"{optim}Adagrad(parameters, lr: {N("lr", 0.01)}, lrDecay: {N("lr_decay", 0)}, weightDecay: {N("weight_decay", 0)}, initialAccumulatorValue: {N("initial_accumulator", 0)}, eps: {N("eps", 1e-10)})",
            OptimizerKind.Adadelta => $"{optim}Adadelta(parameters, lr: {N("lr", 1.0)}, rho: {N("rho", 0.9)}, eps: {N("eps", 1e-6)}, weightDecay: {N("weight_decay", 0)})",
            OptimizerKind.Adamax => $"{optim}Adamax(parameters, lr: {N("lr", 0.002)}, beta1: {N("beta1", 0.9)}, beta2: {N("beta2", 0.999)}, eps: {N("eps", 1e-8)}, weightDecay: {N("weight_decay", 0)})",
            _ => $"{optim}NAdam(parameters, lr: {N("lr", 0.002)}, beta1: {N("beta1", 0.9)}, beta2: {N("beta2", 0.999)}, eps: {N("eps", 1e-8)}, weightDecay: {N("weight_decay", 0)}, momentumDecay: {N("momentum_decay", 0.004)})",
        };
    }

    private static string Xml(string text) => CSharpLiterals.XmlDocText(text);

    private static string FileName(string path)
    {
        var slash = path.LastIndexOfAny(new[] { '/', '\\' });
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}
