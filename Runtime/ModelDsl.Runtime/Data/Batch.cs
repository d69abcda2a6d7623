using System;
using System.Collections.Generic;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// A mini-batch: one tensor per model input and one per target (several for a multi-output model), in the
/// dataset's column order, plus the dataset rows it was drawn from.
/// </summary>
public sealed record Batch(IReadOnlyList<BatchTensor> Inputs, IReadOnlyList<BatchTensor> Targets, int[] Indices)
{
    public int Size => Indices.Length;

    /// <summary>
    /// For a session that keeps the inputs itself (<see cref="Training.IResidentInputSession"/>): the object its
    /// <c>KeepInputs</c> returned, whose rows <see cref="Indices"/> are this batch's inputs; <see cref="Inputs"/> is
    /// then empty. Null for an ordinary batch.
    /// </summary>
    public object? ResidentInputs { get; init; }

    /// <summary>The single input of a one-input model.</summary>
    public BatchTensor Input => Inputs.Count == 1
        ? Inputs[0]
        : throw new InvalidOperationException($"The batch has {Inputs.Count} inputs; use Inputs[i].");

    /// <summary>The single target of a one-output model.</summary>
    public BatchTensor Target => Targets.Count == 1
        ? Targets[0]
        : throw new InvalidOperationException($"The batch has {Targets.Count} targets; use Targets[i].");
}
