namespace ModelDsl.Compiler.Semantics;

/// <summary>The type names of block/group parameters.</summary>
internal static class ParameterTypes
{
    public static readonly string[] Names = { "int", "float", "bool", "activation", "padding" };

    /// <summary>The type for a written name; <c>int</c> when none is written; null for an unknown name.</summary>
    public static ParameterType? Parse(string? name) => name switch
    {
        null or "int" => ParameterType.Int,
        "float" => ParameterType.Float,
        "bool" => ParameterType.Bool,
        "activation" => ParameterType.Activation,
        "padding" => ParameterType.Padding,
        _ => null,
    };
}
