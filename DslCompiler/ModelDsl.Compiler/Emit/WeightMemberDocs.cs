namespace ModelDsl.Compiler.Emit;

/// <summary>The names and XML docs of the weight members every backend writes on a model's root class.</summary>
internal static class WeightMemberDocs
{
    public const string Save = "SaveWeights";
    public const string Load = "LoadWeights";
    public const string ExportOnnx = "ExportOnnx";
    public const string Tensors = "WeightTensors";
    public const string Pretrained = "LoadPretrained";
    public const string NameMap = "global::ModelDsl.Runtime.Weights.WeightNameMap";
    public const string WeightType = "global::ModelDsl.Runtime.Weights.WeightTensor";
    public const string Safetensors = "global::ModelDsl.Runtime.Weights.SafetensorsFile";
    public const string Binder = "global::ModelDsl.Runtime.Weights.WeightBinder";
    public const string Slot = "global::ModelDsl.Runtime.Weights.WeightSlot";
    public const string PretrainedType = "global::ModelDsl.Runtime.Weights.PretrainedWeights";

    /// <summary>Members a layer or module name must not take in a root class (TorchSharp's private helper included).</summary>
    public static readonly string[] Names = { Save, Load, Pretrained, ExportOnnx, Tensors, "LoadableState", "CopyInto" };

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
        writer.Line("/// .model names; the builds of this model for every backend load the same file.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"path\">The file to write; it is replaced atomically.</param>");
    }

    public static void WritePretrained(CodeWriter writer)
    {
        writer.BlankLine();
        writer.Line("/// <summary>");
        writer.Line("/// Initialises the model, or parts of it, from pretrained weights: a safetensors file with the .model names");
        writer.Line("/// (<c>WeightNameMap.None</c>) or a torchvision state_dict (<c>WeightNameMap.Torchvision</c>, layers paired in order).");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"path\">A safetensors file.</param>");
        writer.Line("/// <param name=\"map\">How the file's names relate to the .model names.</param>");
        writer.Line("/// <param name=\"parts\">Sections, block or group instances or layers to initialise (<c>stem</c>, <c>learner</c>); none for the whole model.</param>");
        writer.Line("/// <exception cref=\"global::ModelDsl.Runtime.Weights.WeightFileException\">The file does not fit: the first few keys expected and found are listed; nothing is loaded.</exception>");
    }

    public static void WriteLoad(CodeWriter writer)
    {
        writer.BlankLine();
        writer.Line("/// <summary>Loads weights saved by <c>SaveWeights</c> on either backend (every tensor by name, shapes checked first).</summary>");
        writer.Line("/// <param name=\"path\">A safetensors file.</param>");
        writer.Line("/// <exception cref=\"global::ModelDsl.Runtime.Weights.WeightFileException\">The file is unreadable or does not fit this model: the message names the first offending key; nothing is loaded.</exception>");
    }
}
