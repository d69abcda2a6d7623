using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelDsl.Runtime.Cpu.Optim;

/// <summary>
/// Parameters sharing a learning rate and weight decay (PyTorch's parameter groups). Values left null take
/// the optimiser's defaults.
/// </summary>
public sealed class ParamGroup
{
    private double? _learningRate;
    private double? _weightDecay;

    /// <summary>Creates a group.</summary>
    public ParamGroup(IEnumerable<Tensor> parameters, double? learningRate = null, double? weightDecay = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        _learningRate = learningRate;
        _weightDecay = weightDecay;
    }

    /// <summary>The parameters.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>Learning rate of this group (set it for schedules).</summary>
    public double LearningRate
    {
        get => _learningRate ?? throw new InvalidOperationException("the group is not attached to an optimiser yet");
        set => _learningRate = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "learning rate must be finite and >= 0");
    }

    /// <summary>The learning rate the group started with (PyTorch's <c>initial_lr</c>), the base of schedules.</summary>
    public double InitialLearningRate { get; private set; }

    /// <summary>Weight decay (L2 penalty, or decoupled for AdamW).</summary>
    public double WeightDecay
    {
        get => _weightDecay ?? 0;
        set => _weightDecay = value;
    }

    internal ParameterState[] States { get; private set; } = [];

    internal void Attach(double learningRate, double weightDecay, int slotCount)
    {
        LearningRate = _learningRate ?? learningRate;
        InitialLearningRate = LearningRate;
        _weightDecay ??= weightDecay;
        States = new ParameterState[Parameters.Count];
        for (var i = 0; i < States.Length; i++)
        {
            States[i] = new ParameterState(slotCount);
        }
    }
}
