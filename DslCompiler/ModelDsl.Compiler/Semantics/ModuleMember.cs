namespace ModelDsl.Compiler.Semantics;

/// <summary>A child of a module: a layer or a nested module. <see cref="Name"/> is its property/weight-path segment in
/// the parent (<c>conv2d_1</c>, <c>bottleneck_0</c>, <c>stem</c>), from <c>as NAME</c> or <c>kind_index</c> per scope.
/// Members hold no path and no source span, so equal instantiations are equal records (one nested class each) and
/// whitespace edits leave them unchanged; <see cref="CheckedModel.Walk"/> yields full paths.</summary>
public abstract record ModuleMember(string Name)
{
    public abstract ParameterCount Parameters { get; }

    public abstract Shape OutputShape { get; }
}
