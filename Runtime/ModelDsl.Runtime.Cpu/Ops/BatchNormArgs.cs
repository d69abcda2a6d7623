namespace ModelDsl.Runtime.Cpu;

/// <summary>
/// The arrays and sizes of one batch-norm pass. Forward: <see cref="Source"/> is x, <see cref="Output"/> y, and
/// <see cref="Mean"/> and <see cref="InvStd"/> receive the statistics used. Backward: <see cref="Source"/> is the
/// output gradient, <see cref="Input"/> the forward's x, the gradients are the targets (each may be null; the input
/// gradient is assigned rather than accumulated when <see cref="OverwriteInputGrad"/>).
/// </summary>
internal readonly record struct BatchNormArgs(
    float[] Source,
    float[]? Output,
    float[]? Input,
    float[] Mean,
    float[] InvStd,
    float[] RunningMean,
    float[] RunningVar,
    float[]? Weight,
    float[]? Bias,
    float[]? InputGrad,
    float[]? WeightGrad,
    float[]? BiasGrad,
    int N,
    int C,
    int Inner,
    bool Training,
    float Momentum,
    float Eps,
    bool OverwriteInputGrad = false);
