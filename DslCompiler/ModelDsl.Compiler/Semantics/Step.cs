namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// One line of a module's <c>forward</c>, in SSA form: <c>Result = Member(Inputs...)</c>, every value assigned once.
/// Value names are the module's inputs (<c>input</c> in blocks and sections, the input names in a model), <c>let</c>
/// and <c>output</c> names, and fresh temporaries (<c>x1</c>, <c>x2</c>, … chosen not to clash with the others).
/// </summary>
/// <param name="Kind">Layer call, module call or alias.</param>
/// <param name="Member">The member called (null for an alias).</param>
/// <param name="Inputs">Value names consumed.</param>
/// <param name="Result">The value name produced.</param>
/// <param name="Shape">The shape of <see cref="Result"/> (for the comment on the generated line).</param>
public sealed record Step(StepKind Kind, string? Member, EquatableArray<string> Inputs, string Result, Shape Shape);
