namespace ModelDsl.Runtime.Cpu.Modules;

/// <summary>A module with a forward computation from <typeparamref name="TInput"/> to <typeparamref name="TOutput"/>.</summary>
public abstract class Module<TInput, TOutput> : Module
{
    /// <summary>Computes the output (records the graph when gradients are enabled).</summary>
    public abstract TOutput Forward(TInput input);

    /// <summary>Same as <see cref="Forward"/>.</summary>
    public TOutput Call(TInput input) => Forward(input);
}
