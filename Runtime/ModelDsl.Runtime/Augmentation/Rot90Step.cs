using System.Collections.Generic;

namespace ModelDsl.Runtime.Augmentation;

/// <summary>
/// <c>rot90(k: [0, 1, 2, 3])</c>: a rotation by k quarter turns counter-clockwise (as <c>np.rot90(x, k)</c> and
/// <c>torch.rot90(x, k, dims=(-2, -1))</c>), k drawn uniformly from <paramref name="QuarterTurns"/>. An odd k swaps
/// height and width, so it needs square images.
/// </summary>
public sealed record Rot90Step(IReadOnlyList<int> QuarterTurns) : AugmentationStep;
