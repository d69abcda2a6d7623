namespace ModelDsl.Compiler.Emit.TorchSharp;

/// <summary>Which private helper methods a model's generated code calls (written once, in the model class).</summary>
internal sealed class TorchSharpHelpers
{
    /// <summary><c>SamePadding</c>: "same" padding computed at run time (symbolic sizes with a stride above 1).</summary>
    public bool SamePadding { get; set; }

    /// <summary><c>AveragePoolSame</c>: average pooling over real cells only, for asymmetric "same" padding.</summary>
    public bool AveragePoolSame { get; set; }
}
