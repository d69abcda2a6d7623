using System.Collections.Generic;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit.Cpu;

/// <summary>
/// The Cpu engine's side of module emission: classes derive from the engine's <c>Module&lt;Tensor, TResult&gt;</c> (the
/// plain <c>Module</c> with a <c>Forward</c> of several tensors for multi-input models), submodules are created with
/// the engine's layers and registered with <c>RegisterModule</c>, and constructors take an optional seeded
/// <c>Generator</c> for reproducible initial weights (see <see cref="CpuLayers"/>).
/// </summary>
internal sealed class CpuDialect : ModuleDialect
{
    /// <summary>The constructor parameter every weight initialiser reads.</summary>
    private const string GeneratorParameter = "generator";

    // Members of the engine's Module that a generated member must not hide, and the constructor's parameter.
    private static readonly string[] ModuleMembers =
    {
        "Forward", "Call", "Train", "Eval", "IsTraining", "RegisterModule", "RegisterParameter", "RegisterBuffer",
        "NamedParameters", "NamedBuffers", "NamedModules", "Parameters", "GetSubmodule",
        "ParametersRequiringGrad", "ParameterCount", "SetRequiresGrad", "ZeroGrad", "Equals", "GetHashCode", "GetType", "ToString",
        "MemberwiseClone", "Finalize", GeneratorParameter,
    };

    public override string BackendName => "Cpu";

    public override string TensorType => CpuTypes.Tensor;

    public override string ForwardName => "Forward";

    public override int MaxInputs => 16;

    public override IEnumerable<string> BaseMembers => ModuleMembers;

    public override string WeightNamesDoc => "<c>NamedParameters()</c> names";

    public override string ModuleBase(int inputs, string result) =>
        inputs == 1 ? $"{CpuTypes.Modules}.Module<{CpuTypes.Tensor}, {result}>" : CpuTypes.Module;

    public override string ForwardSignature(string result, string parameters, int inputs) =>
        inputs == 1 ? $"public override {result} Forward({parameters})" : $"public {result} Forward({parameters})";

    public override void WriteConstructorDocs(CodeWriter writer, bool isRoot)
    {
        writer.Line(isRoot
            ? "/// <summary>Creates the model with freshly initialised weights (PyTorch's default initialisation).</summary>"
            : "/// <summary>Creates the module with freshly initialised weights.</summary>");
        writer.Line("/// <param name=\"generator\">The random source of the initial weights; null uses the engine's default generator (seed it with <c>CpuEngine.ManualSeed</c>).</param>");
    }

    public override string ConstructorSignature(string className, string moduleName) =>
        $"public {className}({CpuTypes.Generator}? {GeneratorParameter} = null)";

    public override string NestedModuleFactory(string className) => $"new {className}({GeneratorParameter})";

    public override void WriteRegistration(CodeWriter writer, string name, string field, string factory) =>
        writer.Line($"{field} = RegisterModule({CSharpLiterals.String(name)}, {factory});");

    public override string CallModule(string field, IReadOnlyList<string> arguments) => $"{field}.Forward({string.Join(", ", arguments)})";

    public override string? LayerType(CheckedLayer layer) => CpuLayers.ModuleType(layer);

    public override string LayerFactory(CheckedLayer layer) => CpuLayers.Factory(layer, GeneratorParameter);

    public override void WriteWeightMembers(CodeWriter writer)
    {
        WeightMemberDocs.WriteTensors(writer);
        writer.Line($"public global::System.Collections.Generic.IReadOnlyList<{WeightMemberDocs.WeightType}> {WeightMemberDocs.Tensors}() => {CpuTypes.Weights}.Collect(this);");
        WeightMemberDocs.WriteSave(writer);
        writer.Line($"public void {WeightMemberDocs.Save}(string path) => {CpuTypes.Weights}.Save(this, path);");
        WeightMemberDocs.WriteLoad(writer);
        writer.Line($"public void {WeightMemberDocs.Load}(string path) => {CpuTypes.Weights}.Load(this, path);");
        WeightMemberDocs.WritePretrained(writer);
        writer.Line($"public void {WeightMemberDocs.Pretrained}(string path, {WeightMemberDocs.NameMap} map, params string[] parts) => {CpuTypes.Weights}.LoadPretrained(this, path, map, parts);");
    }

    public override string ApplyLayer(CheckedLayer layer, string? field, IReadOnlyList<string> inputs, bool skipActivation) =>
        CpuLayers.Apply(layer, field, inputs, skipActivation);
}
