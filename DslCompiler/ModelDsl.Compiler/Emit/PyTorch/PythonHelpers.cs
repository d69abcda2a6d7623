namespace ModelDsl.Compiler.Emit.PyTorch;

/// <summary>Which module-level helper functions one emitted model file calls (written once, after the classes).</summary>
internal sealed class PythonHelpers
{
    public bool SamePadding { get; set; }

    public bool AveragePoolSame { get; set; }
}
