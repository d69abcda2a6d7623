namespace ModelDsl.Compiler.Semantics;

/// <summary>A compile-time value: an actual argument of a block or group, after evaluation. <see cref="object.ToString"/>
/// prints it as it would be written in a <c>.model</c> file.</summary>
public abstract record ConstantValue;
