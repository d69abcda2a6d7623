namespace ModelDsl.Compiler.Semantics;

/// <summary>What a layer parameter accepts.</summary>
internal enum LayerParameterKind
{
    /// <summary>An integer.</summary>
    Int,

    /// <summary>A number (integers accepted).</summary>
    Float,

    Bool,

    /// <summary>An activation name.</summary>
    Activation,

    /// <summary><c>valid</c>, <c>same</c>, an integer, an (h, w) or a (top, bottom, left, right) tuple.</summary>
    Padding,

    /// <summary>An integer or an (h, w) tuple.</summary>
    Size2,

    /// <summary>An integer, an (h, w) or a (top, bottom, left, right) tuple.</summary>
    ZeroPadding,

    /// <summary>An initialiser name or call (<c>glorot_uniform</c>, <c>constant(0.1)</c>).</summary>
    Initializer,

    /// <summary>Variadic tensor names (add, concat): takes every positional argument.</summary>
    Tensors,

    /// <summary>Variadic integers (reshape): takes every positional argument.</summary>
    Ints,
}
