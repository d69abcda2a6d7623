namespace ModelDsl.Compiler.Semantics;

/// <summary>A member of a model with its dotted path from the root (<c>learner.residual_group_1.bottleneck_0.conv2d_1</c>),
/// the prefix of its weight names; <see cref="Depth"/> is 0 for members of the root.</summary>
public sealed record MemberPath(string Path, int Depth, ModuleMember Member);
