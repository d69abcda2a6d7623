namespace ModelDsl.Compiler.Semantics;

/// <summary>How a padding argument was written.</summary>
public enum PaddingMode
{
    /// <summary><c>valid</c>: no padding.</summary>
    Valid,

    /// <summary><c>same</c>: output = ceil(input / stride), as Keras.</summary>
    Same,

    /// <summary>An integer or a tuple.</summary>
    Explicit,
}
