namespace ModelDsl.Compiler.Semantics;

/// <summary><c>batchnorm</c> over <see cref="Features"/> channels: BatchNorm1d when <see cref="InputRank"/> is 1
/// (<c>[F]</c>), BatchNorm2d when it is 3 (<c>[C, H, W]</c>). <see cref="Momentum"/> follows PyTorch's convention
/// (weight of the new batch statistic, default 0.1).</summary>
public sealed record BatchNormArguments(int Features, double Momentum, double Eps, int InputRank) : LayerArguments;
