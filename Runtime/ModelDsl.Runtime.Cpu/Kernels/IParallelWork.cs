namespace ModelDsl.Runtime.Cpu.Kernels;

/// <summary>
/// Work split into parts that run concurrently on <see cref="KernelThreads"/>. Implementations are reusable
/// objects (not closures), so dispatching allocates nothing.
/// </summary>
internal interface IParallelWork
{
    /// <summary>Runs part <paramref name="part"/> of <paramref name="parts"/>; parts must not overlap.</summary>
    void Execute(int part, int parts);
}
