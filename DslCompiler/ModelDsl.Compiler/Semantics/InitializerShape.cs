namespace ModelDsl.Compiler.Semantics;

/// <summary>The families an <see cref="InitializerSpec"/> reduces to once the fans are known.</summary>
public enum InitializerShape
{
    Uniform,
    Normal,
    TruncatedNormal,
    Constant,
}
