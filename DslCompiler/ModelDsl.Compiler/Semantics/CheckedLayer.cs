namespace ModelDsl.Compiler.Semantics;

/// <summary>One layer instance.</summary>
/// <param name="Name">Its name in the enclosing module (<c>conv2d_1</c>).</param>
/// <param name="Type">The catalog name as written (<c>conv2d</c>, <c>relu</c>, <c>activation</c>) — the summary's type column.</param>
/// <param name="Kind">The catalog entry; selects the <see cref="Arguments"/> subtype.</param>
/// <param name="Arguments">Fully resolved settings.</param>
/// <param name="InputShapes">The shape of each input (several for <c>add</c>/<c>concat</c>).</param>
/// <param name="Output">The output shape.</param>
/// <param name="Count">Trainable and non-trainable parameter counts.</param>
public sealed record CheckedLayer(
    string Name,
    string Type,
    LayerKind Kind,
    LayerArguments Arguments,
    EquatableArray<Shape> InputShapes,
    Shape Output,
    ParameterCount Count) : ModuleMember(Name)
{
    public override ParameterCount Parameters => Count;

    public override Shape OutputShape => Output;
}
