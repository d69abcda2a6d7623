namespace ModelDsl.Compiler.Semantics;

/// <summary>What checking one layer call produced: resolved arguments and output shape, or nulls after an error
/// (reported, or silent when an input shape was already an error).</summary>
internal sealed record LayerOutcome(LayerArguments? Arguments, Shape? Output, ParameterCount Count)
{
    public static readonly LayerOutcome Failed = new(null, null, ParameterCount.Zero);

    public bool Succeeded => Arguments is not null && Output is not null;
}
