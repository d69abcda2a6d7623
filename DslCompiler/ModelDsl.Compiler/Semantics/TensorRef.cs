using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Semantics;

/// <summary>A tensor during expansion: its value name, its shape (null after an error, which then propagates silently),
/// and the layer that produced it (for the design warnings and the output's final activation).</summary>
internal sealed record TensorRef(string Value, Shape? Shape, CheckedLayer? Producer = null, SourceSpan? ProducerSpan = null)
{
    public ActivationSpec? FinalActivation => Producer?.Arguments switch
    {
        ActivationArguments a => a.Function,
        DenseArguments d => d.Activation,
        Conv2dArguments c => c.Activation,
        _ => null,
    };
}
