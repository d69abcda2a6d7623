using System.Collections.Generic;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit.TorchSharp;

/// <summary>
/// TorchSharp's side of module emission: classes derive from <c>torch.nn.Module&lt;Tensor, …&gt;</c>, submodules are
/// created with the <c>torch.nn</c> factories and registered with <c>register_module</c>, layers are applied with
/// <c>call</c> (so hooks run) and <c>torch.nn.functional</c> (see <see cref="TorchSharpLayers"/>).
/// </summary>
internal sealed class TorchSharpDialect : ModuleDialect
{
    /// <summary>TorchSharp's generic modules take at most six inputs.</summary>
    private const int MaxTorchSharpInputs = 6;

    // Members of torch.nn.Module that a generated member must not hide.
    private static readonly string[] ModuleMembers =
    {
        "forward", "call", "train", "eval", "training", "zero_grad", "parameters", "named_parameters", "buffers",
        "named_buffers", "children", "named_children", "modules", "named_modules", "state_dict", "load_state_dict",
        "register_module", "register_parameter", "register_buffer", "add_module", "save", "load", "to", "cpu", "cuda",
        "apply", "name", "handle", "Dispose", "GetName", "RegisterComponents", "get_parameter", "get_buffer",
        "has_parameter", "has_buffer", "register_forward_hook", "register_forward_pre_hook", "pre_hooks", "post_hooks",
        "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "half", "bfloat16", "float",
        "double", "AveragePoolSame", "SamePadding",
    };

    private readonly TorchSharpHelpers _helpers = new();

    public override string BackendName => "TorchSharp";

    public override string TensorType => TorchSharpTypes.Tensor;

    public override string ForwardName => "forward";

    public override int MaxInputs => MaxTorchSharpInputs;

    public override IEnumerable<string> BaseMembers => ModuleMembers;

    public override string WeightNamesDoc => "<c>state_dict()</c> keys";

    public override string ModuleBase(int inputs, string result) => TorchSharpTypes.Module(inputs, result);

    public override string ForwardSignature(string result, string parameters, int inputs) => $"public override {result} forward({parameters})";

    public override void WriteConstructorDocs(CodeWriter writer, bool isRoot) =>
        writer.Line(isRoot
            ? "/// <summary>Creates the model with freshly initialised weights (on the CPU; move it with <c>to(device)</c>).</summary>"
            : "/// <summary>Creates the module with freshly initialised weights.</summary>");

    public override string ConstructorSignature(string className, string moduleName) => $"public {className}() : base({CSharpLiterals.String(moduleName)})";

    public override string NestedModuleFactory(string className) => "new " + className + "()";

    public override void WriteRegistration(CodeWriter writer, string name, string field, string factory)
    {
        writer.Line($"{field} = {factory};");
        writer.Line($"register_module({CSharpLiterals.String(name)}, {field});");
    }

    public override void WriteLayerInitialization(CodeWriter writer, CheckedLayer layer, string field) =>
        TorchSharpLayers.WriteInitialization(writer, layer, field);

    public override string CallModule(string field, IReadOnlyList<string> arguments) => $"{field}.call({string.Join(", ", arguments)})";

    public override string? LayerType(CheckedLayer layer) => TorchSharpLayers.ModuleType(layer);

    public override string LayerFactory(CheckedLayer layer) => TorchSharpLayers.Factory(layer);

    public override string ApplyLayer(CheckedLayer layer, string? field, IReadOnlyList<string> inputs, bool skipActivation) =>
        TorchSharpLayers.Apply(layer, field, inputs, skipActivation, _helpers);

    public override void WriteWeightMembers(CodeWriter writer)
    {
        const string List = "global::System.Collections.Generic.List";
        WeightMemberDocs.WriteTensors(writer);
        using (writer.Block($"public global::System.Collections.Generic.IReadOnlyList<{WeightMemberDocs.WeightType}> {WeightMemberDocs.Tensors}()"))
        {
            writer.Line($"var tensors = new {List}<{WeightMemberDocs.WeightType}>();");
            using (writer.Block("foreach (var (name, tensor) in LoadableState())"))
            {
                writer.Line($"tensors.Add(new {WeightMemberDocs.WeightType}(name, tensor.shape, tensor.detach().cpu().data<float>().ToArray()));");
            }

            writer.BlankLine();
            writer.Line("return tensors;");
        }

        WeightMemberDocs.WriteSave(writer);
        writer.Line($"public void {WeightMemberDocs.Save}(string path) => {WeightMemberDocs.Safetensors}.Write(path, {WeightMemberDocs.Tensors}());");
        WeightMemberDocs.WriteLoad(writer);
        using (writer.Block($"public void {WeightMemberDocs.Load}(string path)"))
        {
            writer.Line($"var file = {WeightMemberDocs.Safetensors}.Read(path);");
            writer.Line("var state = LoadableState();");
            writer.Line($"var slots = new {List}<{WeightMemberDocs.Slot}>();");
            using (writer.Block("foreach (var (name, tensor) in state)"))
            {
                writer.Line($"slots.Add(new {WeightMemberDocs.Slot}(name, tensor.shape));");
            }

            writer.BlankLine();
            writer.Line("// Every name and shape is checked before the first copy, so a bad file leaves the model as it was.");
            writer.Line($"var values = {WeightMemberDocs.Binder}.Bind(path, file, slots);");
            writer.Line("CopyInto(state, values);");
        }

        WeightMemberDocs.WritePretrained(writer);
        using (writer.Block($"public void {WeightMemberDocs.Pretrained}(string path, {WeightMemberDocs.NameMap} map, params string[] parts)"))
        {
            writer.Line("var state = LoadableState();");
            writer.Line($"var slots = new {List}<{WeightMemberDocs.Slot}>();");
            using (writer.Block("foreach (var (name, tensor) in state)"))
            {
                writer.Line($"slots.Add(new {WeightMemberDocs.Slot}(name, tensor.shape));");
            }

            writer.BlankLine();
            writer.Line($"var selected = {WeightMemberDocs.PretrainedType}.Select(slots, parts);");
            writer.Line($"var values = {WeightMemberDocs.PretrainedType}.Bind(path, {WeightMemberDocs.Safetensors}.Read(path), selected, map, wholeModel: parts.Length == 0);");
            writer.Line("var names = new global::System.Collections.Generic.HashSet<string>();");
            using (writer.Block("foreach (var slot in selected)"))
            {
                writer.Line("names.Add(slot.Name);");
            }

            writer.BlankLine();
            writer.Line("CopyInto(state.FindAll(entry => names.Contains(entry.Name)), values);");
        }

        writer.BlankLine();
        writer.Line("/// <summary>Copies checked values into the model's tensors, without recording gradients.</summary>");
        using (writer.Block($"private static void CopyInto({List}<(string Name, {TorchSharpTypes.Tensor} Tensor)> state, float[][] values)"))
        {
            using (writer.Block($"using ({TorchSharpTypes.Torch}.no_grad())"))
            {
                using (writer.Block("for (var i = 0; i < state.Count; i++)"))
                {
                    writer.Line($"using var source = {TorchSharpTypes.Torch}.tensor(values[i], state[i].Tensor.shape);");
                    writer.Line("state[i].Tensor.copy_(source);");
                }
            }
        }

        writer.BlankLine();
        writer.Line("/// <summary>The state_dict entries a weight file holds: all but batch norm's <c>num_batches_tracked</c> counters (the Cpu engine has none; no forward reads them).</summary>");
        using (writer.Block($"private {List}<(string Name, {TorchSharpTypes.Tensor} Tensor)> LoadableState()"))
        {
            writer.Line($"var state = new {List}<(string Name, {TorchSharpTypes.Tensor} Tensor)>();");
            using (writer.Block("foreach (var entry in state_dict())"))
            {
                using (writer.Block($"if (!entry.Key.EndsWith(\".\" + {WeightMemberDocs.Binder}.BatchCounterSuffix, global::System.StringComparison.Ordinal))"))
                {
                    writer.Line("state.Add((entry.Key, entry.Value));");
                }
            }

            writer.BlankLine();
            writer.Line("return state;");
        }
    }

    public override void WriteHelpers(CodeWriter writer)
    {
        if (_helpers.SamePadding)
        {
            writer.BlankLine();
            writer.Line("/// <summary>");
            writer.Line("/// \"same\" padding for a size known only at run time, as Keras/TensorFlow compute it: the total is");
            writer.Line("/// max((ceil(in / stride) - 1) * stride + dilation * (kernel - 1) + 1 - in, 0), the extra row/column at the bottom/right.");
            writer.Line("/// </summary>");
            writer.Line("/// <returns>(left, right, top, bottom), the order <c>functional.pad</c> expects.</returns>");
            using (writer.Block($"private static long[] SamePadding({TorchSharpTypes.Tensor} x, long kernelHeight, long kernelWidth, long strideHeight, long strideWidth, long dilationHeight, long dilationWidth)"))
            {
                writer.Line("var shape = x.shape;");
                writer.Line("var height = Total(shape[shape.Length - 2], kernelHeight, strideHeight, dilationHeight);");
                writer.Line("var width = Total(shape[shape.Length - 1], kernelWidth, strideWidth, dilationWidth);");
                writer.Line("return new long[] { width / 2, width - (width / 2), height / 2, height - (height / 2) };");
                writer.BlankLine();
                writer.Line("static long Total(long size, long kernel, long stride, long dilation) =>");
                using (writer.Indented())
                {
                    writer.Line("global::System.Math.Max(((((size + stride) - 1) / stride) - 1) * stride + (dilation * (kernel - 1)) + 1 - size, 0);");
                }
            }
        }

        if (_helpers.AveragePoolSame)
        {
            writer.BlankLine();
            writer.Line("/// <summary>");
            writer.Line("/// Average pooling with asymmetric \"same\" padding that, like Keras, averages over real cells only: the pooled");
            writer.Line("/// zero-padded input divided by the pooled zero-padded count of real cells.");
            writer.Line("/// </summary>");
            using (writer.Block($"private static {TorchSharpTypes.Tensor} AveragePoolSame({TorchSharpTypes.Modules}.AvgPool2d pool, {TorchSharpTypes.Tensor} x, long[] padding)"))
            {
                writer.Line($"var sums = pool.call({TorchSharpTypes.Functional}.pad(x, padding));");
                writer.Line($"var counts = pool.call({TorchSharpTypes.Functional}.pad({TorchSharpTypes.Torch}.ones_like(x), padding));");
                writer.Line("return sums / counts;");
            }
        }
    }
}
