namespace ModelDsl.Compiler;

/// <summary>Which runtime the emitted C# targets (MSBuild property <c>ModelDslBackend</c>).</summary>
public enum Backend
{
    /// <summary>TorchSharp modules and trainers (production, GPU through libtorch).</summary>
    TorchSharp,

    /// <summary>The embedded pure-.NET engine in ModelDsl.Runtime.Cpu.</summary>
    Cpu,
}
