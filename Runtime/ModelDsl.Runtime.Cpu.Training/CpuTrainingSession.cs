using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using ModelDsl.Runtime.Cpu.Modules;
using ModelDsl.Runtime.Cpu.Optim;
using ModelDsl.Runtime.Cpu.State;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Training;

namespace ModelDsl.Runtime.Cpu.Training;

/// <summary>
/// Drives one Cpu-engine model for the backend-neutral <see cref="TrainingLoop"/>: batches become pooled tensors, the
/// training forward feeds the per-output losses (reading logits where the compiler decided so), and every temporary
/// goes back to the pool at the end of the step, so a warm step allocates almost nothing.
/// </summary>
public sealed class CpuTrainingSession : ITrainingSession
{
    /// <summary>Checkpoint metadata key prefix for the position of a dropout layer's generator.</summary>
    private const string RandomStateKey = "random.";

    private readonly Module _model;
    private readonly Func<IReadOnlyList<Tensor>, IReadOnlyList<Tensor>> _forward;
    private readonly Func<IReadOnlyList<Tensor>, IReadOnlyList<Tensor>> _trainingForward;
    private readonly IReadOnlyList<OutputLoss> _losses;

    /// <param name="model">The module whose parameters and buffers are trained and saved.</param>
    /// <param name="forward">The model's forward: inputs in declaration order → outputs as users see them
    /// (probabilities after a final softmax/sigmoid).</param>
    /// <param name="trainingForward">The forward the losses read: like <paramref name="forward"/>, except that an output
    /// whose <see cref="OutputLoss.ReadsLogits"/> is set stops before its final activation. Null when no loss reads
    /// logits.</param>
    /// <param name="losses">One per output, in output order.</param>
    /// <param name="optimizer">The optimiser over the trainable parameters.</param>
    public CpuTrainingSession(
        Module model,
        Func<IReadOnlyList<Tensor>, IReadOnlyList<Tensor>> forward,
        Func<IReadOnlyList<Tensor>, IReadOnlyList<Tensor>>? trainingForward,
        IReadOnlyList<OutputLoss> losses,
        Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (losses.Count == 0)
        {
            throw new ArgumentException("A training session needs one loss per model output.", nameof(losses));
        }

        _model = model;
        _forward = forward;
        _trainingForward = trainingForward ?? forward;
        _losses = losses;
        Optimizer = optimizer;
        OutputNames = losses.Select(l => l.Name).ToArray();
    }

    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>The optimiser; a trainer with stages swaps it when a stage names another one.</summary>
    public Optimizer Optimizer { get; set; }

    public double LearningRate
    {
        get => Optimizer.LearningRate;
        set => Optimizer.LearningRate = value;
    }

    public BatchResult TrainBatch(Batch batch, bool returnOutputs)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _model.Train();
        using var scope = TensorScope.Begin();
        Optimizer.ZeroGrad();
        var outputs = _trainingForward(ToTensors(batch.Inputs));
        var (total, perOutput) = Loss(outputs, batch);
        total.Backward();
        Optimizer.Step();
        return new BatchResult(total.Item(), perOutput, returnOutputs ? Probabilities(outputs) : null);
    }

    public BatchResult EvaluateBatch(Batch batch, bool returnOutputs)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _model.Eval();
        using var scope = TensorScope.Begin();
        using var noGrad = Autograd.NoGrad();
        var outputs = _trainingForward(ToTensors(batch.Inputs));
        var (total, perOutput) = Loss(outputs, batch);
        return new BatchResult(total.Item(), perOutput, returnOutputs ? Probabilities(outputs) : null);
    }

    public IReadOnlyList<float[]> Predict(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _model.Eval();
        using var scope = TensorScope.Begin();
        using var noGrad = Autograd.NoGrad();
        return _forward(ToTensors(batch.Inputs)).Select(o => o.ToArray()).ToArray();
    }

    // Besides weights and optimiser state, a checkpoint holds the position of every dropout generator, so a resumed run
    // draws the same masks as an uninterrupted one.
    public void SaveState(Stream stream)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, dropout) in DropoutLayers())
        {
            metadata[RandomStateKey + name] = dropout.Generator.SaveState();
        }

        StateFile.Save(stream, _model, Optimizer, metadata);
    }

    public void LoadState(Stream stream)
    {
        var metadata = StateFile.Load(stream, "checkpoint", _model, Optimizer);
        foreach (var (name, dropout) in DropoutLayers())
        {
            if (metadata.TryGetValue(RandomStateKey + name, out var state))
            {
                dropout.Generator.RestoreState(state);
            }
        }
    }

    public object SnapshotWeights()
    {
        var values = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, tensor) in AllTensors())
        {
            values[name] = tensor.ToArray();
        }

        return new WeightSnapshot(values);
    }

    public void RestoreWeights(object snapshot)
    {
        if (snapshot is not WeightSnapshot weights)
        {
            throw new ArgumentException("The snapshot was not taken by a Cpu training session.", nameof(snapshot));
        }

        foreach (var (name, tensor) in AllTensors())
        {
            weights.Values[name].AsSpan().CopyTo(tensor.Data);
        }
    }

    public string? FindNonFiniteWeight()
    {
        foreach (var (name, parameter) in _model.NamedParameters())
        {
            if (HasNonFinite(parameter.Data))
            {
                return name;
            }
        }

        foreach (var (name, buffer) in _model.NamedBuffers())
        {
            if (HasNonFinite(buffer.Data))
            {
                return name;
            }
        }

        return null;
    }

    // NaN and ±infinity are the floats whose exponent bits are all ones: as unsigned integers, 0x7F800000-0x7FFFFFFF
    // (positive sign) and 0xFF800000-0xFFFFFFFF (negative). The range search is vectorised; a loop of float.IsFinite is not.
    private static bool HasNonFinite(ReadOnlySpan<float> values)
    {
        var bits = MemoryMarshal.Cast<float, uint>(values);
        return bits.ContainsAnyInRange(0x7F800000u, 0x7FFFFFFFu) || bits.ContainsAnyInRange(0xFF800000u, 0xFFFFFFFFu);
    }

    private IEnumerable<(string Name, Dropout Layer)> DropoutLayers() =>
        _model.NamedModules().Where(m => m.Module is Dropout).Select(m => (m.Name, (Dropout)m.Module));

    private IEnumerable<(string Name, Tensor Tensor)> AllTensors() =>
        _model.NamedParameters().Select(p => ("p:" + p.Name, p.Parameter))
            .Concat(_model.NamedBuffers().Select(b => ("b:" + b.Name, b.Buffer)));

    private static Tensor[] ToTensors(IReadOnlyList<BatchTensor> inputs)
    {
        var tensors = new Tensor[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            tensors[i] = Tensor.FromSpan(inputs[i].AsFloats(), inputs[i].Shape);
        }

        return tensors;
    }

    private (Tensor Total, IReadOnlyList<double>? PerOutput) Loss(IReadOnlyList<Tensor> outputs, Batch batch)
    {
        if (outputs.Count != _losses.Count || batch.Targets.Count != _losses.Count)
        {
            throw new TrainingException(
                $"The model returned {outputs.Count} outputs and the batch holds {batch.Targets.Count} targets, but {_losses.Count} losses were configured.");
        }

        if (_losses.Count == 1)
        {
            return (OutputLossValue(_losses[0], outputs[0], batch.Targets[0]), null);
        }

        Tensor? total = null;
        var perOutput = new double[_losses.Count];
        for (var i = 0; i < _losses.Count; i++)
        {
            var loss = OutputLossValue(_losses[i], outputs[i], batch.Targets[i]);
            perOutput[i] = loss.Item();
            var weighted = _losses[i].Weight == 1.0 ? loss : Functional.Multiply(loss, (float)_losses[i].Weight);
            total = total is null ? weighted : Functional.Add(total, weighted);
        }

        return (total!, perOutput);
    }

    private static Tensor OutputLossValue(OutputLoss loss, Tensor output, BatchTensor target)
    {
        // The fused losses read logits; every other loss reads the output as forward returns it.
        if (loss.ReadsLogits && loss.Function is not (LossFunction.SoftmaxCrossEntropy or LossFunction.BinaryCrossEntropyWithLogits))
        {
            output = Activate(output, loss.Activation);
        }

        switch (loss.Function)
        {
            case LossFunction.SoftmaxCrossEntropy when target.IsClassIndices:
                return Functional.SparseCrossEntropy(output, target.ClassIndices);
            case LossFunction.SoftmaxCrossEntropy:
                return Functional.CrossEntropy(output, TargetLike(output, target, loss));
            case LossFunction.NegativeLogLikelihood:
                return Functional.NllLoss(output, target.ClassIndices ?? throw new TrainingException(
                    $"The loss of output '{loss.Name}' reads log-probabilities and needs class-index targets, but '{target.Name}' holds values."));
            case LossFunction.BinaryCrossEntropyWithLogits:
                return Functional.BinaryCrossEntropyWithLogits(output, TargetLike(output, target, loss));
            case LossFunction.BinaryCrossEntropy:
                return Functional.BinaryCrossEntropy(output, TargetLike(output, target, loss));
            case LossFunction.MeanAbsoluteError:
                return Functional.MaeLoss(output, TargetLike(output, target, loss));
            default:
                return Functional.MseLoss(output, TargetLike(output, target, loss));
        }
    }

    // Targets are stored per example; a single-unit output ([N, 1]) and a label vector ([N]) hold the same values.
    private static Tensor TargetLike(Tensor output, BatchTensor target, OutputLoss loss)
    {
        var values = target.AsFloats();
        if (values.Length != output.Count)
        {
            throw new TrainingException(
                $"Output '{loss.Name}' has {output.Count / Math.Max(1, output.Size(0))} values per example but its target '{target.Name}' has " +
                $"{values.Length / Math.Max(1, target.BatchSize)}; for categorical losses with class-index labels use sparse_categorical_crossentropy.");
        }

        return Tensor.FromSpan(values, output.Shape.ToArray());
    }

    private IReadOnlyList<float[]> Probabilities(IReadOnlyList<Tensor> outputs)
    {
        using var noGrad = Autograd.NoGrad();
        var result = new float[outputs.Count][];
        for (var i = 0; i < outputs.Count; i++)
        {
            var output = outputs[i];
            result[i] = (_losses[i].ReadsLogits ? Activate(output, _losses[i].Activation) : output).ToArray();
        }

        return result;
    }

    private static Tensor Activate(Tensor logits, OutputActivation activation) => activation switch
    {
        OutputActivation.Softmax => Functional.Softmax(logits),
        OutputActivation.Sigmoid => Functional.Sigmoid(logits),
        _ => logits,
    };
}
