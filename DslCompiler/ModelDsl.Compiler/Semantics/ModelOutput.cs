namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// A model output. <see cref="Name"/> is null for the single unnamed output of a model without <c>output</c>
/// declarations. <see cref="Value"/> is the value name in the root's steps. <see cref="FinalActivation"/> is the
/// activation applied last on the way to it (a trailing activation layer, or <c>activation:</c> of a final
/// dense/conv2d), or null: the trainer needs it to compute cross-entropies from logits.
/// </summary>
public sealed record ModelOutput(string? Name, string Value, Shape Shape, ActivationSpec? FinalActivation);
