namespace ModelDsl.Compiler.Emit;

/// <summary>The names and XML docs of the weight members every backend writes on a model's root class.</summary>
internal static class WeightMemberDocs
{
    public const string Save = "SaveWeights";
    public const string Load = "LoadWeights";
    public const string ExportOnnx = "ExportOnnx";
    public const string Tensors = "WeightTensors";
    public const string WeightType = "global::ModelDsl.Runtime.Weights.WeightTensor";
    public const string Safetensors = "global::ModelDsl.Runtime.Weights.SafetensorsFile";
    public const string Binder = "global::ModelDsl.Runtime.Weights.WeightBinder";
    public const string Slot = "global::ModelDsl.Runtime.Weights.WeightSlot";

    /// <summary>Members a layer or module name must not take in a root class (TorchSharp's private helper included).</summary>
    public static readonly string[] Names = { Save, Load, ExportOnnx, Tensors, "LoadableState" };

    public static void WriteTensors(CodeWriter writer)
    {
        writer.BlankLine();
        writer.Line("/// <summary>Copies of every weight by its .model name (parameters, then each layer's buffers, in <c>state_dict()</c> order).</summary>");
    }

    public static void WriteSave(CodeWriter writer)
    {
        writer.BlankLine();
        writer.Line("/// <summary>");
        writer.Line("/// Saves every weight (parameters and batch-norm running statistics) to a safetensors file whose keys are the");
        writer.Line("/// .model names; the Cpu and TorchSharp builds of this model load the same file.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"path\">The file to write; it is replaced atomically.</param>");
    }

    public static void WriteLoad(CodeWriter writer)
    {
        writer.BlankLine();
        writer.Line("/// <summary>Loads weights saved by <c>SaveWeights</c> on either backend (every tensor by name, shapes checked first).</summary>");
        writer.Line("/// <param name=\"path\">A safetensors file.</param>");
        writer.Line("/// <exception cref=\"global::ModelDsl.Runtime.Weights.WeightFileException\">The file is unreadable or does not fit this model: the message names the first offending key; nothing is loaded.</exception>");
    }
}
