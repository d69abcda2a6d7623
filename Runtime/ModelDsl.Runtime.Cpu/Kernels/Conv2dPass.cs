namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>Which product a <see cref="Conv2dJob"/> computes.</summary>
internal enum Conv2dPass
{
    Forward,
    BackwardInput,
    BackwardWeight,
}
