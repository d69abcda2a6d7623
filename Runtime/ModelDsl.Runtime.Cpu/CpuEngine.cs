namespace ModelDsl.Runtime.Cpu;

/// <summary>Process-wide settings of the Cpu engine.</summary>
public static class CpuEngine
{
    private static Generator _defaultGenerator = new(0);

    /// <summary>
    /// The generator used when a module or operation is not given one (weight initialisation, dropout).
    /// Shared by the process: seed it once with <see cref="ManualSeed"/> before building a model.
    /// </summary>
    public static Generator DefaultGenerator => _defaultGenerator;

    /// <summary>Reseeds <see cref="DefaultGenerator"/>, making initialisation and dropout reproducible.</summary>
    public static void ManualSeed(long seed) => _defaultGenerator = new Generator(seed);

    /// <summary>Drops every pooled buffer (for example after training, to give memory back).</summary>
    public static void TrimBufferPool() => BufferPool.Trim();
}
