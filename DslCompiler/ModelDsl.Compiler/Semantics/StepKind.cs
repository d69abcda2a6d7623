namespace ModelDsl.Compiler.Semantics;

public enum StepKind
{
    /// <summary>Apply the layer member <see cref="Step.Member"/> to <see cref="Step.Inputs"/> (several for add/concat,
    /// in source order: for <c>add(shortcut)</c> the current tensor first, then <c>shortcut</c>).</summary>
    Layer,

    /// <summary>Call the nested module member <see cref="Step.Member"/> (section, block, group) on its single input.</summary>
    Module,

    /// <summary>Give an existing value another name (<c>let trunk = x</c>, <c>output y = x</c>); <see cref="Step.Member"/> is null.</summary>
    Alias,
}
