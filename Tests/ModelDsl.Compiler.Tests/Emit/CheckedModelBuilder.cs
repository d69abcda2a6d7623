using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// Builds checked-model records by hand, the form the semantic checker hands the emitter, so emitter tests do not depend
/// on the binder. Parameter counts are computed here the way the checker counts them.
/// </summary>
internal sealed class CheckedModelBuilder
{
    private readonly ModuleKind _kind;
    private readonly string _declaration;
    private readonly ArgumentValue[] _arguments;
    private readonly List<TensorValue> _inputs = new();
    private readonly List<ModuleMember> _members = new();
    private readonly List<Step> _steps = new();
    private readonly List<TensorValue> _outputs = new();
    private readonly Dictionary<string, Shape> _shapes = new();

    public CheckedModelBuilder(ModuleKind kind, string declaration, params ArgumentValue[] arguments)
    {
        _kind = kind;
        _declaration = declaration;
        _arguments = arguments;
    }

    public static Shape S(params long[] dims) => Shape.Of(dims);

    public static ArgumentValue Int(string name, long value) => new(name, ParameterType.Int, new IntValue(value));

    public CheckedModelBuilder Input(string name, Shape shape)
    {
        _inputs.Add(new TensorValue(name, shape));
        _shapes[name] = shape;
        return this;
    }

    public CheckedModelBuilder Layer(string name, string type, LayerKind kind, LayerArguments arguments, Shape output, string result, params string[] inputs)
    {
        var count = Count(arguments);
        _members.Add(new CheckedLayer(name, type, kind, arguments, inputs.Select(i => _shapes[i]).ToEquatableArray(), output, count));
        return Step(StepKind.Layer, name, inputs, result, output);
    }

    public CheckedModelBuilder Module(string name, ModuleDefinition definition, string result, string input)
    {
        if (_members.All(m => m.Name != name))
        {
            _members.Add(new CheckedModule(name, definition));
        }

        return Step(StepKind.Module, name, new[] { input }, result, definition.OutputShape);
    }

    public CheckedModelBuilder Alias(string result, string input) => Step(StepKind.Alias, null, new[] { input }, result, _shapes[input]);

    public CheckedModelBuilder Output(string value)
    {
        _outputs.Add(new TensorValue(value, _shapes[value]));
        return this;
    }

    public ModuleDefinition Build() => new(
        _kind,
        _declaration,
        _arguments.ToEquatableArray(),
        _inputs.ToEquatableArray(),
        _members.ToEquatableArray(),
        _steps.ToEquatableArray(),
        _outputs.ToEquatableArray(),
        _members.Aggregate(ParameterCount.Zero, (sum, m) => sum + m.Parameters));

    public static CheckedModel Model(string name, ModuleDefinition root, params ModelOutput[] outputs) => new(
        name,
        "Acme.Models",
        "Models/" + name.ToLowerInvariant() + ".model",
        root.Inputs.Select(i => new ModelInput(i.Name, i.Shape)).ToEquatableArray(),
        (outputs.Length > 0 ? outputs : new[] { new ModelOutput(null, root.Outputs[0].Name, root.Outputs[0].Shape, null) }).ToEquatableArray(),
        root,
        ModelSummary.Render(name, root));

    private CheckedModelBuilder Step(StepKind kind, string? member, string[] inputs, string result, Shape shape)
    {
        _steps.Add(new Step(kind, member, inputs.ToEquatableArray(), result, shape));
        _shapes[result] = shape;
        return this;
    }

    private static ParameterCount Count(LayerArguments arguments) => arguments switch
    {
        DenseArguments d => new ParameterCount(((long)d.InFeatures * d.Units) + (d.Bias ? d.Units : 0), 0),
        Conv2dArguments c => new ParameterCount(((long)c.InChannels / c.Groups * c.Kernel.Height * c.Kernel.Width * c.Filters) + (c.Bias ? c.Filters : 0), 0),
        BatchNormArguments b => new ParameterCount(((b.Scale ? 1L : 0L) + (b.Center ? 1L : 0L)) * b.Features, 2L * b.Features),
        _ => ParameterCount.Zero,
    };
}
