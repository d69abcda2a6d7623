using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelDsl.Runtime.Cpu.Optim;

/// <summary>
/// Base of the optimisers: parameter groups, a settable learning rate, <see cref="Step"/> and
/// <see cref="ZeroGrad"/>. Parameters whose <see cref="Tensor.RequiresGrad"/> is false (frozen) or that have no
/// gradient are skipped. Update rules follow PyTorch's (single-tensor) implementations.
/// </summary>
public abstract class Optimizer
{
    private readonly ParamGroup[] _groups;

    private protected Optimizer(IEnumerable<ParamGroup> groups, double learningRate, double weightDecay, int slotCount)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _groups = groups.ToArray();
        if (_groups.Length == 0)
        {
            throw new ArgumentException("an optimiser needs at least one parameter group", nameof(groups));
        }

        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var group in _groups)
        {
            foreach (var p in group.Parameters)
            {
                if (!seen.Add(p))
                {
                    throw new ArgumentException($"a {Tensor.Describe(p.ShapeArray)} parameter appears twice in the optimiser's parameter groups", nameof(groups));
                }
            }

            group.Attach(learningRate, weightDecay, slotCount);
        }
    }

    /// <summary>Short name as in the model language ("adam", "sgd", …); stored in state files.</summary>
    public abstract string Kind { get; }

    /// <summary>The parameter groups.</summary>
    public IReadOnlyList<ParamGroup> ParamGroups => _groups;

    /// <summary>Learning rate of the first group; setting it sets every group (for schedules).</summary>
    public double LearningRate
    {
        get => _groups[0].LearningRate;
        set
        {
            foreach (var group in _groups)
            {
                group.LearningRate = value;
            }
        }
    }

    /// <summary>Names of the per-parameter moment buffers (as PyTorch's state keys).</summary>
    internal abstract string[] SlotNames { get; }

    /// <summary>Applies one update to every trainable parameter that has a gradient.</summary>
    public void Step()
    {
        foreach (var group in _groups)
        {
            var states = group.States;
            for (var i = 0; i < states.Length; i++)
            {
                var p = group.Parameters[i];
                if (!p.RequiresGrad || p.Grad is null)
                {
                    continue;
                }

                var state = states[i];
                state.Step++;
                Update(group, p.Buffer, p.Grad.Buffer, state);
            }
        }
    }

    /// <summary>Zeroes every parameter's gradient in place.</summary>
    public void ZeroGrad()
    {
        foreach (var group in _groups)
        {
            foreach (var p in group.Parameters)
            {
                p.Grad?.Data.Clear();
            }
        }
    }

    /// <summary>Every parameter with its state, in group order.</summary>
    internal IEnumerable<(Tensor Parameter, ParameterState State)> Entries()
    {
        foreach (var group in _groups)
        {
            for (var i = 0; i < group.Parameters.Count; i++)
            {
                yield return (group.Parameters[i], group.States[i]);
            }
        }
    }

    /// <summary>Updates <paramref name="param"/> in place from <paramref name="grad"/>; the step counter is already incremented.</summary>
    private protected abstract void Update(ParamGroup group, float[] param, float[] grad, ParameterState state);

    /// <summary>grad + wd·param into <paramref name="scratch"/> when weight decay is set; otherwise grad itself.</summary>
    private protected static float[] WithWeightDecay(float[] grad, float[] param, double weightDecay, ref float[]? scratch)
    {
        if (weightDecay == 0)
        {
            return grad;
        }

        if (scratch is null || scratch.Length != grad.Length)
        {
            scratch = new float[grad.Length];
        }

        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(param, (float)weightDecay, grad, scratch);
        return scratch;
    }
}
