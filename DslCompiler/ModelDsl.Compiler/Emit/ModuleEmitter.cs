using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// Writes one model as a module class for either backend: a <c>public sealed partial class NAME</c> deriving from the
/// backend's module type, with one private readonly field per layer or nested module (named exactly as in the
/// <c>.model</c> file and registered under that name, so weight names follow the source), a forward method with every
/// step's shape in a comment, <c>ForwardLogits</c> when an output ends in softmax/sigmoid, static metadata, and one
/// nested class per distinct block, group or section instantiation. Everything backend-specific — types, layer
/// factories, how a layer is applied, registration — comes from the <see cref="ModuleDialect"/>.
/// </summary>
internal sealed class ModuleEmitter
{
    public const string OutputsRecord = "Outputs";
    public const string ForwardLogitsName = "ForwardLogits";

    private readonly CheckedModel _model;
    private readonly ModuleDialect _dialect;
    private readonly CodeWriter _writer = new();
    private readonly HashSet<ModuleDefinition> _logitsClasses = new();
    private ModuleClassPlan _plan = null!;

    private ModuleEmitter(CheckedModel model, ModuleDialect dialect)
    {
        _model = model;
        _dialect = dialect;
    }

    /// <param name="model">The checked model.</param>
    /// <param name="dialect">A fresh dialect (it records which private helpers the model's code calls).</param>
    public static string Emit(CheckedModel model, ModuleDialect dialect)
    {
        var emitter = new ModuleEmitter(model, dialect);
        emitter.Write();
        return emitter._writer.ToString();
    }

    /// <summary>Whether an activation is one a trainer reads past (loss computed from logits).</summary>
    public static bool IsSquashing(ActivationSpec? spec) =>
        spec is not null && (spec.Function == ActivationFunction.Softmax || spec.Function == ActivationFunction.Sigmoid);

    private string[] BaseMembers => _dialect.BaseMembers.Concat(new[] { ForwardLogitsName, OutputsRecord }).Concat(WeightMemberDocs.Names).Append(OnnxGraphWriter.NestedMethod).ToArray();

    /// <summary>
    /// The outputs (by index) for which <c>ForwardLogits</c> returns logits rather than what <c>forward</c> returns: those
    /// ending in softmax or sigmoid. Empty when the model class has no <c>ForwardLogits</c>.
    /// </summary>
    public static IReadOnlyList<int> LogitOutputs(CheckedModel model, ModuleDialect dialect)
    {
        var emitter = new ModuleEmitter(model, dialect);
        var indices = new List<int>();
        for (var i = 0; i < model.Outputs.Count; i++)
        {
            var output = model.Outputs[i];
            if (IsSquashing(output.FinalActivation) && emitter.CanSkip(model.Root, output.Value))
            {
                indices.Add(i);
            }
        }

        return indices;
    }

    private bool MultipleOutputs => _model.Outputs.Count > 1;

    private void Write()
    {
        var @namespace = CSharpNames.ToNamespace(_model.Namespace, "ModelDsl.Generated");
        GeneratedFileHeader.Write(_writer, _model.SourcePath, @namespace);

        var rootName = CSharpNames.ToPascalCase(_model.Name);
        var rootScope = new NameScope(BaseMembers.Concat(ModelMetadata.MemberNames).Append(rootName).ToArray());
        _plan = ModuleClassPlan.Create(_model, rootScope);
        PlanLogits();

        if (_model.Inputs.Count > _dialect.MaxInputs)
        {
            // Never throw on user input: the user's build reports this line in the generated file.
            _writer.Line($"#error ModelDsl: a {_dialect.BackendName} module takes at most {_dialect.MaxInputs} inputs; {CSharpLiterals.CommentText(_model.Name)} declares {_model.Inputs.Count}.");
            return;
        }

        // The base list is resolved outside the class, so the nested record needs its qualified name there.
        var result = MultipleOutputs ? rootName + "." + OutputsRecord : _dialect.TensorType;
        WriteRootDocs();
        using (_writer.Block($"public sealed partial class {rootName} : {_dialect.ModuleBase(_model.Inputs.Count, result)}"))
        {
            WriteClassBody(_model.Root, rootName, rootScope, isRoot: true);
        }
    }

    private void WriteRootDocs()
    {
        var inputs = string.Join(", ", _model.Inputs.Select(i => $"<c>{Xml(i.Name)} {Xml(i.Shape.ToString())}</c>"));
        var outputs = string.Join(", ", _model.Outputs.Select(o => o.Name is null ? $"<c>{Xml(o.Shape.ToString())}</c>" : $"<c>{Xml(o.Name)} {Xml(o.Shape.ToString())}</c>"));
        _writer.Line("/// <summary>");
        _writer.Line($"/// The <c>{Xml(_model.Name)}</c> model of <c>{Xml(FileName(_model.SourcePath))}</c>: {inputs} → {outputs};");
        _writer.Line($"/// {ModuleClassPlan.Count(_model.Parameters.Total)} parameters ({ModuleClassPlan.Count(_model.Parameters.Trainable)} trainable).");
        _writer.Line("/// </summary>");
        _writer.Line("/// <remarks>");
        _writer.Line("/// Every layer is a field registered under its name in the .model file, so weight names follow the source");
        _writer.Line("/// (" + _dialect.WeightNamesDoc + " such as <c>" + Xml(FirstWeightName()) + "</c>). Registration is explicit: no reflection.");
        _writer.Line("/// </remarks>");
    }

    private string FirstWeightName()
    {
        var first = _model.Layers().FirstOrDefault(l => l.Member.Parameters.Total > 0);
        return first is null ? "layer.weight" : first.Path + ".weight";
    }

    private void WriteClassBody(ModuleDefinition definition, string className, NameScope scope, bool isRoot)
    {
        foreach (var nested in _plan.NestedDefinitions)
        {
            scope.Reserve(_plan.ClassName(nested));
        }

        // Fields carry the source name exactly (TorchSharp's register_module also registers a submodule's fields by
        // reflection under their field names, which then finds every module already registered under that name).
        var members = new List<(ModuleMember Member, string Field, string Property, string Type)>();
        foreach (var member in definition.Members)
        {
            var type = member switch
            {
                CheckedModule module => _plan.ClassName(module.Definition),
                CheckedLayer layer => _dialect.LayerType(layer),
                _ => null,
            };
            if (type is null)
            {
                continue;
            }

            var field = scope.Claim(CSharpNames.ToIdentifier(member.Name));
            var property = scope.Claim(CSharpNames.ToPascalCase(member.Name));
            members.Add((member, field, property, type));
        }

        foreach (var (_, field, _, type) in members)
        {
            _writer.Line($"private readonly {type} {field};");
        }

        // Constructor.
        _writer.BlankLine();
        _dialect.WriteConstructorDocs(_writer, isRoot);
        var moduleName = isRoot ? _model.Name : definition.Declaration;
        using (_writer.Block(_dialect.ConstructorSignature(className, moduleName)))
        {
            foreach (var (member, field, _, _) in members)
            {
                var factory = member is CheckedLayer layer ? _dialect.LayerFactory(layer) : _dialect.NestedModuleFactory(_plan.ClassName(((CheckedModule)member).Definition));
                _dialect.WriteRegistration(_writer, member.Name, field, factory);
                if (member is CheckedLayer initialized)
                {
                    _dialect.WriteLayerInitialization(_writer, initialized, field);
                }
            }
        }

        // Properties.
        foreach (var (member, field, property, type) in members)
        {
            _writer.BlankLine();
            _writer.Line("/// <summary>" + DescribeMember(member) + "</summary>");
            _writer.Line($"public {type} {property} => {field};");
        }

        if (isRoot)
        {
            ModelMetadata.Write(_writer, _model, scope);
            _dialect.WriteWeightMembers(_writer);
        }

        var fieldsByMember = members.ToDictionary(m => m.Member.Name, m => m.Field);
        var reservedLocals = members.SelectMany(m => new[] { m.Field, m.Property }).Concat(_plan.NestedDefinitions.Select(_plan.ClassName)).ToArray();
        WriteForward(definition, fieldsByMember, reservedLocals, isRoot, logits: false);
        if (_logitsClasses.Contains(definition) || (isRoot && _logitsClasses.Contains(_model.Root)))
        {
            WriteForward(definition, fieldsByMember, reservedLocals, isRoot, logits: true);
        }

        OnnxGraphWriter.Write(_writer, _model, definition, fieldsByMember, reservedLocals, isRoot);

        if (isRoot)
        {
            WriteOutputsRecord();
            WriteHelpers();
            foreach (var nested in _plan.NestedDefinitions)
            {
                WriteNestedClass(nested);
            }
        }
    }

    private void WriteNestedClass(ModuleDefinition definition)
    {
        var name = _plan.ClassName(definition);
        _writer.BlankLine();
        var kind = definition.Kind switch
        {
            ModuleKind.Section => "section",
            ModuleKind.Block => "block",
            _ => "group",
        };
        _writer.Line($"/// <summary>The <c>{Xml(ModuleClassPlan.Describe(definition))}</c> {kind}: <c>{Xml(definition.Inputs[0].Shape.ToString())}</c> → <c>{Xml(definition.OutputShape.ToString())}</c>; {ModuleClassPlan.Count(definition.Parameters.Total)} parameters.</summary>");
        using (_writer.Block($"public sealed class {name} : {_dialect.ModuleBase(1, _dialect.TensorType)}"))
        {
            var scope = new NameScope(BaseMembers.Append(name).ToArray());
            WriteClassBody(definition, name, scope, isRoot: false);
        }
    }

    private void WriteForward(ModuleDefinition definition, Dictionary<string, string> fields, string[] reservedLocals, bool isRoot, bool logits)
    {
        var parameterScope = new NameScope(reservedLocals);
        parameterScope.Reserve(ForwardVariables.Current);
        var inputs = definition.Inputs.Select(i => (i.Name, Parameter: parameterScope.Claim(CSharpNames.ToCamelCase(i.Name)))).ToList();
        var outputs = definition.Outputs.Select(o => o.Name).ToList();
        var variables = ForwardVariables.Assign(inputs, definition.Steps.ToArray(), outputs, reservedLocals);
        var skip = logits ? LogitsSteps(definition) : new HashSet<Step>();

        var multiple = isRoot && MultipleOutputs;
        var result = multiple ? OutputsRecord : _dialect.TensorType;
        var parameters = string.Join(", ", inputs.Select(i => _dialect.TensorType + " " + i.Parameter));

        _writer.BlankLine();
        if (logits)
        {
            _writer.Line("/// <summary>");
            _writer.Line("/// Like <c>" + _dialect.ForwardName + "</c>, but returns the logits of outputs that end in softmax or sigmoid (the final activation left");
            _writer.Line("/// out), so a trainer computes cross-entropy as log-softmax + NLL or BCE-with-logits, which is numerically stable.");
            _writer.Line("/// </summary>");
        }
        else
        {
            _writer.Line(isRoot ? "/// <summary>Runs the model on a batch.</summary>" : "/// <summary>Applies the module to a batch.</summary>");
        }

        foreach (var (value, parameter) in inputs)
        {
            var shape = definition.Inputs.First(i => i.Name == value).Shape;
            _writer.Line($"/// <param name=\"{parameter.TrimStart('@')}\">A batch of <c>{Xml(value)}</c> examples, <c>{Xml(shape.ToString())}</c>.</param>");
        }

        var returns = multiple
            ? "The named outputs."
            : $"<c>{Xml(definition.Outputs[0].Shape.ToString())}</c>.";
        _writer.Line($"/// <returns>{returns}</returns>");
        var signature = logits
            ? $"public {result} {ForwardLogitsName}({parameters})"
            : _dialect.ForwardSignature(result, parameters, inputs.Count);
        using (_writer.Block(signature))
        {
            var lines = new List<(string Code, string? Comment)>();
            var steps = definition.Steps;
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                var target = variables.Local(step.Result);
                var arguments = step.Inputs.Select(variables.Local).ToList();
                string expression;
                switch (step.Kind)
                {
                    case StepKind.Alias:
                        expression = arguments[0];
                        break;
                    case StepKind.Module:
                        {
                            var module = (CheckedModule)definition.FindMember(step.Member!)!;
                            expression = skip.Contains(step)
                                ? $"{fields[module.Name]}.{ForwardLogitsName}({string.Join(", ", arguments)})"
                                : _dialect.CallModule(fields[module.Name], arguments);
                            break;
                        }

                    default:
                        {
                            var layer = (CheckedLayer)definition.FindMember(step.Member!)!;
                            fields.TryGetValue(layer.Name, out var field);
                            expression = _dialect.ApplyLayer(layer, field, arguments, skip.Contains(step));
                            break;
                        }
                }

                if (expression == target)
                {
                    // A skipped final activation that would assign a local to itself.
                    continue;
                }

                var declare = variables.Declares(i, step) ? "var " : string.Empty;
                lines.Add(($"{declare}{target} = {expression};", step.Shape.ToString() + (skip.Contains(step) && step.Kind == StepKind.Layer ? " (logits)" : string.Empty)));
            }

            if (multiple)
            {
                var values = _model.Outputs.Select(o => variables.Local(o.Value));
                lines.Add(($"return new {OutputsRecord}({string.Join(", ", values)});", null));
            }
            else
            {
                lines.Add(($"return {variables.Local(definition.Outputs[0].Name)};", null));
            }

            WriteAligned(lines);
        }
    }

    private void WriteOutputsRecord()
    {
        if (!MultipleOutputs)
        {
            return;
        }

        // Every member a record declares or inherits from object: an output named like one (get_type → GetType) gets
        // the first free numeric suffix (GetType2) instead of clashing with it (CS8866).
        var scope = new NameScope(OutputsRecord, "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "Clone", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals");
        var names = _model.Outputs.Select(o => scope.Claim(CSharpNames.ToPascalCase(o.Name ?? o.Value))).ToList();
        _writer.BlankLine();
        _writer.Line("/// <summary>The outputs of one forward pass, by name.</summary>");
        for (var i = 0; i < _model.Outputs.Count; i++)
        {
            var output = _model.Outputs[i];
            _writer.Line($"/// <param name=\"{names[i].TrimStart('@')}\">The <c>{Xml(output.Name ?? output.Value)}</c> output, <c>{Xml(output.Shape.ToString())}</c>.</param>");
        }

        _writer.Line($"public sealed record {OutputsRecord}({string.Join(", ", names.Select(name => _dialect.TensorType + " " + name))});");
    }

    private void WriteHelpers() => _dialect.WriteHelpers(_writer);

    // Which classes get ForwardLogits, and through which steps: for each root output whose final activation is softmax
    // or sigmoid, follow the producing step down through nested modules to the activation that is to be left out.
    private void PlanLogits()
    {
        foreach (var output in _model.Outputs)
        {
            if (IsSquashing(output.FinalActivation) && CanSkip(_model.Root, output.Value))
            {
                _logitsClasses.Add(_model.Root);
            }
        }
    }

    private bool CanSkip(ModuleDefinition definition, string value)
    {
        var step = ForwardVariables.Producer(definition.Steps.ToArray(), value);
        if (step is null || step.Member is null)
        {
            return false;
        }

        switch (definition.FindMember(step.Member))
        {
            case CheckedLayer { Arguments: ActivationArguments activation }:
                return IsSquashing(activation.Function);
            case CheckedLayer { Arguments: DenseArguments dense }:
                // A dense layer on [steps, features] squashes its last axis; the losses' logits path assumes axis 1.
                return dense.InputRank == 1 && IsSquashing(dense.Activation);
            case CheckedLayer { Arguments: Conv2dArguments conv }:
                return IsSquashing(conv.Activation);
            case CheckedModule module when CanSkip(module.Definition, module.Definition.Outputs[0].Name):
                _logitsClasses.Add(module.Definition);
                return true;
            default:
                return false;
        }
    }

    private HashSet<Step> LogitsSteps(ModuleDefinition definition)
    {
        var steps = new HashSet<Step>();
        var values = definition == _model.Root
            ? _model.Outputs.Where(o => IsSquashing(o.FinalActivation)).Select(o => o.Value)
            : definition.Outputs.Select(o => o.Name);
        foreach (var value in values)
        {
            if (ForwardVariables.Producer(definition.Steps.ToArray(), value) is { } step && CanSkip(definition, value))
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private static string DescribeMember(ModuleMember member)
    {
        var what = member switch
        {
            CheckedLayer layer => $"<c>{Xml(layer.Name)}</c> ({Xml(layer.Type)})",
            CheckedModule module => $"<c>{Xml(module.Name)}</c> ({Xml(ModuleClassPlan.Describe(module.Definition))})",
            _ => Xml(member.Name),
        };
        return $"{what}: output <c>{Xml(member.OutputShape.ToString())}</c>, {ModuleClassPlan.Count(member.Parameters.Total)} parameters.";
    }

    // Shape comments start in one column per method (capped, so one long line does not push every comment right).
    private void WriteAligned(List<(string Code, string? Comment)> lines)
    {
        const int MaxColumn = 72;
        var column = lines.Where(l => l.Comment is not null && l.Code.Length <= MaxColumn).Select(l => l.Code.Length).DefaultIfEmpty(0).Max();
        foreach (var (code, comment) in lines)
        {
            _writer.Line(comment is null ? code : code.PadRight(column) + "  // " + CSharpLiterals.CommentText(comment));
        }
    }

    private static string Xml(string text) => CSharpLiterals.XmlDocText(text);

    private static string FileName(string path)
    {
        var slash = path.LastIndexOfAny(new[] { '/', '\\' });
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}
