using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// Expands one model: runs its body over the current tensor, expands every block and group call with its actual
/// arguments into a nested module (so each call site is shape-checked with its own input), unrolls <c>repeat</c>, names
/// members and values, and infers every shape. Produces the <see cref="CheckedModel"/> when nothing failed.
/// </summary>
internal sealed class ModelExpander
{
    /// <summary>Layers one model may expand to; runaway nesting becomes a diagnostic, not a hang.</summary>
    public const int MaxLayers = 100_000;

    /// <summary>Statements one model may execute (repeat iterations included), for repeats of empty bodies.</summary>
    public const int MaxStatements = 1_000_000;

    public const int MaxRepeat = 10_000;

    /// <summary>Block/group calls nested inside one another (each call is a nested module, and expanding, checking
    /// and emitting it recurses once per level): beyond this MD2080, instead of a stack overflow.</summary>
    public const int MaxCallDepth = 128;

    /// <summary>Parameters of a dense layer after flatten above which MD5003 warns.</summary>
    public const long LargeDenseThreshold = 10_000_000;

    private static readonly IReadOnlyDictionary<string, ConstantValue> NoParameters = new Dictionary<string, ConstantValue>();

    private readonly DeclarationTable _table;
    private readonly DiagnosticBag _diagnostics;
    private readonly LetUsage _lets;
    private readonly CancellationToken _cancellationToken;
    private readonly List<(string Name, SourceSpan Span)> _callStack = new();
    private ModelDeclarationSyntax _model = null!;
    private int _layers;
    private int _statements;
    private bool _aborted;
    private bool _reportedNoCurrent;

    private readonly LayerDefaults _defaults;

    public ModelExpander(DeclarationTable table, DiagnosticBag diagnostics, LetUsage lets, CancellationToken cancellationToken, LayerDefaults? defaults = null)
    {
        _defaults = defaults ?? LayerDefaults.PyTorch;
        _table = table;
        _diagnostics = diagnostics;
        _lets = lets;
        _cancellationToken = cancellationToken;
    }

    public CheckedModel? Expand(ModelDeclarationSyntax model, string @namespace)
    {
        _model = model;
        var errorsBefore = _diagnostics.ErrorsSeen;

        // A declaration with syntax errors is still expanded: every statement the parser skipped stands in as an
        // unknown shape, so the shape errors that remain are real ones, independent of the syntax errors.
        var root = ExpandRoot(model, out var outputs);
        if (root is null || _diagnostics.ErrorsSeen != errorsBefore || model.HasErrors || _table.IsDuplicate(model.Name.Name))
        {
            return null;
        }

        return new CheckedModel(
            model.Name.Name,
            @namespace,
            model.Span.FilePath,
            root.Inputs.Select(i => new ModelInput(i.Name, i.Shape)).ToEquatableArray(),
            outputs,
            root,
            ModelSummary.Render(model.Name.Name, root));
    }

    private ModuleDefinition? ExpandRoot(ModelDeclarationSyntax model, out EquatableArray<ModelOutput> modelOutputs)
    {
        modelOutputs = EquatableArray<ModelOutput>.Empty;
        var scope = new ExpansionScope(ModuleKind.Model, model.Name.Name, NoParameters, model.Body);
        foreach (var input in model.Inputs)
        {
            var shape = InputShape(input);
            scope.Failed |= shape is null;
            if (scope.Names.TryGetValue(input.Name.Name, out var existing))
            {
                _diagnostics.Add(DiagnosticCatalog.DuplicateTensorNameAt(input.Name.Span, input.Name.Name, existing.DefinedAt));
                scope.Failed = true;
                continue;
            }

            var tensor = new TensorRef(input.Name.Name, shape);
            scope.UseValueName(input.Name.Name);
            scope.Names[input.Name.Name] = new NamedTensor(tensor, input.Name.Span, IsLet: false);
            if (shape is not null)
            {
                scope.Inputs.Add(new TensorValue(input.Name.Name, shape));
            }
        }

        if (model.Inputs.Count == 0 && !model.Body.Any(statement => statement is SkippedStatementSyntax { Keyword: "input" }))
        {
            _diagnostics.Add(DiagnosticCatalog.ModelWithoutInputAt(model.Name.Span, model.Name.Name));
            return null;
        }

        if (model.Inputs.Count == 1 && scope.Names.TryGetValue(model.Inputs[0].Name.Name, out var only))
        {
            scope.Current = only.Tensor;
        }

        var outputs = new List<(string? Name, TensorRef Tensor, SourceSpan? Span)>();
        foreach (var statement in model.Body)
        {
            Execute(scope, statement, outputs);
        }

        if (outputs.Count == 0)
        {
            if (scope.Current is null)
            {
                ReportNoCurrent(model.Name.Span);
                return null;
            }

            outputs.Add((null, scope.Current, null));
        }

        foreach (var (_, tensor, _) in outputs)
        {
            if (tensor.Producer?.Kind == LayerKind.Dropout && tensor.ProducerSpan is not null)
            {
                _diagnostics.Add(DiagnosticCatalog.DropoutBeforeOutputAt(tensor.ProducerSpan));
            }
        }

        if (scope.Failed || _aborted || outputs.Any(o => o.Tensor.Shape is null))
        {
            return null;
        }

        modelOutputs = outputs.Select(o => new ModelOutput(o.Name, o.Tensor.Value, o.Tensor.Shape!, o.Tensor.FinalActivation)).ToEquatableArray();
        return scope.ToDefinition(outputs.Select(o => new TensorValue(o.Tensor.Value, o.Tensor.Shape!)));
    }

    private Shape? InputShape(InputDeclarationSyntax input)
    {
        var ok = true;
        if (input.ElementType.Name != "float")
        {
            _diagnostics.Add(DiagnosticCatalog.UnsupportedElementTypeAt(input.ElementType.Span, input.ElementType.Name));
            ok = false;
        }

        var dims = new List<Dim>();
        foreach (var dimension in input.Dimensions)
        {
            switch (dimension)
            {
                case IntegerLiteralSyntax { Value: > 0 } literal:
                    dims.Add(Dim.Of(literal.Value));
                    break;
                case NameExpressionSyntax name:
                    dims.Add(Dim.Symbol(name.Name));
                    break;
                default:
                    _diagnostics.Add(DiagnosticCatalog.InvalidInputDimensionAt(dimension.Span, Text(dimension)));
                    ok = false;
                    break;
            }
        }

        if (dims.Count == 0 && ok)
        {
            _diagnostics.Add(DiagnosticCatalog.InvalidInputDimensionAt(input.Span, "list (empty)"));
            ok = false;
        }

        return ok ? Shape.Of(dims) : null;
    }

    private void Execute(ExpansionScope scope, StatementSyntax statement, List<(string? Name, TensorRef Tensor, SourceSpan? Span)>? outputs)
    {
        if (_aborted)
        {
            return;
        }

        if (++_statements > MaxStatements)
        {
            Abort();
            return;
        }

        switch (statement)
        {
            case LayerCallSyntax call:
                if (scope.Current is null)
                {
                    ReportNoCurrent(call.Span);
                    scope.Failed = true;
                    return;
                }

                scope.Current = Apply(scope, call, scope.Current, resultName: null);
                break;

            case LetStatementSyntax let:
                if (scope.Kind == ModuleKind.Group)
                {
                    _diagnostics.Add(DiagnosticCatalog.GroupStatementNotAllowedAt(let.Span, scope.Declaration, "a let"));
                    scope.Failed = true;
                    return;
                }

                if (scope.Names.TryGetValue(let.Name.Name, out var existing) && existing.DefinedAt != let.Name.Span)
                {
                    _diagnostics.Add(DiagnosticCatalog.DuplicateTensorNameAt(let.Name.Span, let.Name.Name, existing.DefinedAt));
                    scope.Failed = true;
                    return;
                }

                var value = Pipeline(scope, let.Value, let.Name.Name);
                _lets.Define(let.Name.Span, let.Name.Name);
                scope.Names[let.Name.Name] = new NamedTensor(value, let.Name.Span, IsLet: true);
                break;

            case OutputStatementSyntax output:
                if (outputs is null)
                {
                    _diagnostics.Add(DiagnosticCatalog.OutputOutsideModelAt(output.Span));
                    scope.Failed = true;
                    return;
                }

                scope.Names.TryGetValue(output.Name.Name, out var clash);
                var previous = outputs.FirstOrDefault(o => o.Name == output.Name.Name);
                if (previous.Name is not null || clash is not null)
                {
                    _diagnostics.Add(DiagnosticCatalog.DuplicateTensorNameAt(output.Name.Span, output.Name.Name, clash?.DefinedAt ?? previous.Span!));
                    scope.Failed = true;
                    return;
                }

                outputs.Add((output.Name.Name, Pipeline(scope, output.Value, output.Name.Name), output.Name.Span));
                break;

            case RepeatStatementSyntax repeat:
                ExecuteRepeat(scope, repeat, outputs);
                break;

            case SectionStatementSyntax section:
                ExecuteSection(scope, section);
                break;

            case SkippedStatementSyntax skipped:
                ExecuteSkipped(scope, skipped, outputs);
                break;
        }
    }

    /// <summary>A statement the parser skipped (its syntax error is reported): what it would have produced is an
    /// unknown shape, which later layers pass along silently, so only independent mistakes after it are reported.</summary>
    private static void ExecuteSkipped(ExpansionScope scope, SkippedStatementSyntax skipped, List<(string? Name, TensorRef Tensor, SourceSpan? Span)>? outputs)
    {
        scope.Failed = true;
        var unknown = new TensorRef(scope.Temporary(), null);
        switch (skipped.Keyword, skipped.DeclaredName)
        {
            case ("let", { } name):
                scope.Names[name.Name] = new NamedTensor(unknown, name.Span, IsLet: true);
                break;
            case ("input", { } name):
                scope.Names[name.Name] = new NamedTensor(unknown, name.Span, IsLet: false);
                scope.Current = unknown;
                break;
            case ("output", { } name):
                outputs?.Add((name.Name, unknown, name.Span));
                break;
            case ("let" or "output", null):
                break;
            default:
                scope.Current = unknown;
                break;
        }
    }

    private void ExecuteRepeat(ExpansionScope scope, RepeatStatementSyntax repeat, List<(string? Name, TensorRef Tensor, SourceSpan? Span)>? outputs)
    {
        var count = ExpressionEvaluator.Evaluate(repeat.Count, scope.Environment, _diagnostics);
        switch (count)
        {
            case null:
                scope.Failed = true;
                return;
            case IntValue { Value: >= 0 and <= MaxRepeat } n:
                for (var i = 0; i < n.Value && !_aborted; i++)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    foreach (var statement in repeat.Body)
                    {
                        Execute(scope, statement, outputs);
                    }
                }

                return;
            case IntValue n:
                _diagnostics.Add(DiagnosticCatalog.RepeatCountOutOfRangeAt(repeat.Count.Span, n.Value));
                scope.Failed = true;
                return;
            default:
                var site = new ArgumentSite(_diagnostics, repeat.Count.Span, "repeat", "count", scope.Environment.Keys);
                site.Mismatch(count, "an integer");
                scope.Failed = true;
                return;
        }
    }

    private void ExecuteSection(ExpansionScope scope, SectionStatementSyntax section)
    {
        var name = section.Kind.ToString().ToLowerInvariant();
        if (scope.Current is null)
        {
            ReportNoCurrent(section.KeywordSpan);
            scope.Failed = true;
            return;
        }

        var input = scope.Current;
        var child = new ExpansionScope(ModuleKind.Section, name, NoParameters, section.Body);
        var result = ExpandBody(child, section.Body, input);
        scope.Current = AddModule(scope, child, result, input, name, alias: null, section.KeywordSpan);
    }

    /// <summary>Runs a section/block/group body on <paramref name="input"/>; returns the final current tensor.</summary>
    private TensorRef ExpandBody(ExpansionScope child, IEnumerable<StatementSyntax> body, TensorRef input)
    {
        var inputRef = new TensorRef("input", input.Shape);
        child.UseValueName("input");
        if (input.Shape is not null)
        {
            child.Inputs.Add(new TensorValue("input", input.Shape));
        }
        else
        {
            child.Failed = true;
        }

        child.Current = inputRef;
        foreach (var statement in body)
        {
            Execute(child, statement, outputs: null);
        }

        return child.Current;
    }

    /// <summary>Registers a finished child scope as a member and calls it; returns the call's result.</summary>
    private TensorRef AddModule(ExpansionScope scope, ExpansionScope child, TensorRef result, TensorRef input, string kind, IdentifierSyntax? alias, SourceSpan span)
    {
        // Sections are named by their keyword; block and group instances by alias or kind_index.
        var memberName = child.Kind == ModuleKind.Section ? kind : scope.NextMemberName(kind, alias?.Name);
        if (!scope.ClaimMemberName(memberName))
        {
            _diagnostics.Add(DiagnosticCatalog.DuplicateModuleNameAt(alias?.Span ?? span, memberName));
            scope.Failed = true;
            return new TensorRef(scope.Temporary(), null);
        }

        if (child.Failed || result.Shape is null || input.Shape is null)
        {
            scope.Failed = true;
            return new TensorRef(scope.Temporary(), null);
        }

        var definition = child.ToDefinition(new[] { new TensorValue(result.Value, result.Shape) });
        if (!scope.TryAddMember(new CheckedModule(memberName, definition)))
        {
            _diagnostics.Add(DiagnosticCatalog.ParameterTotalOverflowAt(span, memberName));
            scope.Failed = true;
            return new TensorRef(scope.Temporary(), null);
        }
        var value = scope.Temporary();
        scope.Steps.Add(new Step(StepKind.Module, memberName, EquatableArray.Create(input.Value), value, result.Shape));

        // The producer is carried through so an output that ends in a block still knows its final activation.
        return new TensorRef(value, result.Shape, result.Producer, result.ProducerSpan);
    }

    private TensorRef Pipeline(ExpansionScope scope, PipelineSyntax pipeline, string resultName)
    {
        var source = ResolveTensor(scope, pipeline.Source.Name, pipeline.Source.Span);
        if (source is null)
        {
            scope.Failed = true;
            return new TensorRef(scope.ValueNameFor(resultName), null);
        }

        if (pipeline.Steps.Count == 0)
        {
            var alias = scope.ValueNameFor(resultName);
            if (source.Shape is not null)
            {
                scope.Steps.Add(new Step(StepKind.Alias, null, EquatableArray.Create(source.Value), alias, source.Shape));
            }

            return source with { Value = alias };
        }

        var current = source;
        for (var i = 0; i < pipeline.Steps.Count; i++)
        {
            current = Apply(scope, pipeline.Steps[i], current, i == pipeline.Steps.Count - 1 ? resultName : null);
        }

        return current;
    }

    /// <summary>Resolves a tensor name: <c>x</c>, <c>input</c>, a model input or a let. Reports and returns null otherwise.</summary>
    private TensorRef? ResolveTensor(ExpansionScope scope, string name, SourceSpan span)
    {
        if (name == "x")
        {
            if (scope.Current is null)
            {
                ReportNoCurrent(span);
            }

            return scope.Current;
        }

        if (scope.Names.TryGetValue(name, out var named))
        {
            if (named.IsLet)
            {
                _lets.Use(named.DefinedAt);
            }

            return named.Tensor;
        }

        if (name == "input")
        {
            if (scope.Kind != ModuleKind.Model)
            {
                return new TensorRef("input", scope.Inputs.Count == 0 ? null : scope.Inputs[0].Shape);
            }

            if (scope.Names.Count(n => !n.Value.IsLet) == 1)
            {
                return scope.Names.First(n => !n.Value.IsLet).Value.Tensor;
            }

            _diagnostics.Add(DiagnosticCatalog.InputNotAvailableAt(span, scope.Declaration));
            return null;
        }

        var candidates = scope.Names.Keys.Concat(new[] { "x", "input" });
        _diagnostics.Add(DiagnosticCatalog.UnknownTensorAt(span, name, NameSuggester.Suggest(name, candidates)));
        return null;
    }

    /// <summary>Applies a layer, block or group call to <paramref name="input"/>.</summary>
    private TensorRef Apply(ExpansionScope scope, LayerCallSyntax call, TensorRef input, string? resultName)
    {
        var name = call.Name.Name;
        if (LayerCatalog.TryGet(name, out var layer))
        {
            if (scope.Kind == ModuleKind.Group)
            {
                _diagnostics.Add(DiagnosticCatalog.GroupStatementNotAllowedAt(call.Name.Span, scope.Declaration, "the layer " + name + "()"));
                scope.Failed = true;
                return Failed(scope, resultName);
            }

            return ApplyLayer(scope, call, layer, input, resultName);
        }

        if (_table.TryGet(name, out var declaration))
        {
            switch (declaration)
            {
                case CallableDeclarationSyntax callable:
                    return ApplyCallable(scope, call, callable, input, resultName);
                default:
                    _diagnostics.Add(DiagnosticCatalog.ModelCalledAsLayerAt(call.Name.Span, name));
                    scope.Failed = true;
                    return Failed(scope, resultName);
            }
        }

        var suggestion = NameSuggester.Suggest(name, LayerCatalog.Names.Concat(_table.CallableNames));
        _diagnostics.Add(DiagnosticCatalog.UnknownLayerAt(call.Name.Span, name, suggestion));
        scope.Failed = true;
        return Failed(scope, resultName);
    }

    private TensorRef ApplyLayer(ExpansionScope scope, LayerCallSyntax call, LayerDefinition layer, TensorRef input, string? resultName)
    {
        if (++_layers > MaxLayers)
        {
            Abort();
            return Failed(scope, resultName);
        }

        var bound = ArgumentBinder.Bind(layer.Name, layer.ParameterNames, layer.VariadicIndex, call.Arguments, _diagnostics, out var variadic, layer.PositionalCount);
        if (bound is null)
        {
            scope.Failed = true;
            return Failed(scope, resultName);
        }

        // Merge layers take tensor names: one name merges it with the current tensor, several merge just those.
        var inputs = new List<TensorRef> { input };
        if (layer.Kind is LayerKind.Add or LayerKind.Concat)
        {
            var named = new List<TensorRef>();
            var ok = variadic.Count > 0;
            foreach (var argument in variadic)
            {
                if (argument.Value is NameExpressionSyntax tensorName)
                {
                    var resolved = ResolveTensor(scope, tensorName.Name, tensorName.Span);
                    ok &= resolved is not null;
                    if (resolved is not null)
                    {
                        named.Add(resolved);
                    }
                }
                else
                {
                    ok = false;
                }
            }

            if (!ok)
            {
                if (variadic.Count == 0 || variadic.Any(a => a.Value is not NameExpressionSyntax))
                {
                    _diagnostics.Add(DiagnosticCatalog.MergeNeedsTensorsAt(call.Name.Span, layer.Name));
                }

                scope.Failed = true;
                return Failed(scope, resultName);
            }

            inputs = named.Count == 1 ? new List<TensorRef> { input, named[0] } : named;
        }

        var reader = new LayerArgumentReader(layer, bound, scope.Environment, _diagnostics, call.Name.Span, _defaults);
        var outcome = LayerChecker.Check(layer, reader, variadic, inputs.Select(i => i.Shape).ToList(), call.Span, _diagnostics);
        var memberName = scope.NextMemberName(layer.Name, call.Alias?.Name);
        if (!scope.ClaimMemberName(memberName))
        {
            _diagnostics.Add(DiagnosticCatalog.DuplicateModuleNameAt(call.Alias?.Span ?? call.Name.Span, memberName));
            scope.Failed = true;
            return Failed(scope, resultName);
        }

        if (!outcome.Succeeded)
        {
            scope.Failed = true;
            return Failed(scope, resultName);
        }

        var checkedLayer = new CheckedLayer(
            memberName,
            layer.Name,
            layer.Kind,
            outcome.Arguments!,
            inputs.Select(i => i.Shape!).ToEquatableArray(),
            outcome.Output!,
            outcome.Count);
        Warn(checkedLayer, input, call);
        if (!scope.TryAddMember(checkedLayer))
        {
            _diagnostics.Add(DiagnosticCatalog.ParameterTotalOverflowAt(call.Span, memberName));
            scope.Failed = true;
            return Failed(scope, resultName);
        }
        var value = resultName is null ? scope.Temporary() : scope.ValueNameFor(resultName);
        scope.Steps.Add(new Step(StepKind.Layer, memberName, inputs.Select(i => i.Value).ToEquatableArray(), value, outcome.Output!));
        return new TensorRef(value, outcome.Output, checkedLayer, call.Span);
    }

    private void Warn(CheckedLayer layer, TensorRef input, LayerCallSyntax call)
    {
        if (layer.Kind == LayerKind.BatchNorm && input.Producer?.Arguments is Conv2dArguments { Bias: true, Activation: null } && input.ProducerSpan is not null)
        {
            _diagnostics.Add(DiagnosticCatalog.ConvBiasBeforeBatchNormAt(input.ProducerSpan));
        }

        if (layer.Kind == LayerKind.Dense && input.Producer?.Kind == LayerKind.Flatten && layer.Count.Trainable > LargeDenseThreshold)
        {
            _diagnostics.Add(DiagnosticCatalog.LargeDenseAt(call.Span, layer.Count.Trainable, input.Shape!.ToString()));
        }
    }

    private TensorRef ApplyCallable(ExpansionScope scope, LayerCallSyntax call, CallableDeclarationSyntax callable, TensorRef input, string? resultName)
    {
        var name = callable.Name.Name;
        var isGroup = callable is GroupDeclarationSyntax;
        if (_callStack.Any(c => c.Name == name))
        {
            var chain = string.Join(" → ", _callStack.SkipWhile(c => c.Name != name).Select(c => c.Name).Concat(new[] { name }));
            _diagnostics.Add(DiagnosticCatalog.RecursionAt(call.Name.Span, chain));
            scope.Failed = true;
            return Failed(scope, resultName);
        }

        if (_callStack.Count >= MaxCallDepth)
        {
            _diagnostics.Add(DiagnosticCatalog.CallsTooDeepAt(call.Name.Span, name, MaxCallDepth, _callStack[0].Name));
            scope.Failed = true;
            _aborted = true;
            return Failed(scope, resultName);
        }

        var environment = BindCallable(scope, call, callable, out var arguments);
        if (environment is null)
        {
            scope.Failed = true;
            return Failed(scope, resultName);
        }

        var child = new ExpansionScope(isGroup ? ModuleKind.Group : ModuleKind.Block, name, environment, callable.Body)
        {
            Arguments = arguments,
        };

        _callStack.Add((name, call.Span));
        _diagnostics.PushContext($"in {name}({string.Join(", ", arguments.Select(a => a.Value.ToString()))}) called at {call.Name.Span}");
        // A declaration with its own errors (reported once, by DeclarationChecker) makes every caller fail.
        child.Failed |= callable.HasErrors || _table.IsBroken(name);

        TensorRef result;
        try
        {
            result = ExpandBody(child, callable.Body, input);
        }
        finally
        {
            _diagnostics.PopContext();
            _callStack.RemoveAt(_callStack.Count - 1);
        }

        var value = AddModule(scope, child, result, input, name, call.Alias, call.Name.Span);
        if (resultName is not null && value.Shape is not null)
        {
            // Let/output names the call's result: rename the step's result.
            var step = scope.Steps[scope.Steps.Count - 1];
            var renamed = scope.ValueNameFor(resultName);
            scope.Steps[scope.Steps.Count - 1] = step with { Result = renamed };
            return value with { Value = renamed };
        }

        return value;
    }

    /// <summary>Binds a block/group call's arguments to the declared parameters: evaluates them in the caller's scope,
    /// fills in defaults (evaluated with the parameters bound so far) and checks the declared types.</summary>
    private Dictionary<string, ConstantValue>? BindCallable(ExpansionScope scope, LayerCallSyntax call, CallableDeclarationSyntax callable, out EquatableArray<ArgumentValue> arguments)
    {
        arguments = EquatableArray<ArgumentValue>.Empty;
        var name = callable.Name.Name;
        var parameterNames = callable.Parameters.Select(p => p.Name.Name).ToList();
        var bound = ArgumentBinder.Bind(name, parameterNames, -1, call.Arguments, _diagnostics, out _);
        if (bound is null)
        {
            return null;
        }

        var environment = new Dictionary<string, ConstantValue>();
        var values = new List<ArgumentValue>();
        var ok = true;
        foreach (var parameter in callable.Parameters)
        {
            var type = ParameterTypes.Parse(parameter.Type?.Name) ?? ParameterType.Int;
            ConstantValue? value;
            SourceSpan span;
            if (bound.TryGetValue(parameter.Name.Name, out var argument))
            {
                value = ExpressionEvaluator.Evaluate(argument.Value, scope.Environment, _diagnostics);
                span = argument.Value.Span;
            }
            else if (parameter.Default is not null)
            {
                value = ExpressionEvaluator.Evaluate(parameter.Default, environment, _diagnostics);
                span = parameter.Default.Span;
            }
            else
            {
                _diagnostics.Add(DiagnosticCatalog.MissingArgumentAt(call.Name.Span, name + "()", parameter.Name.Name));
                ok = false;
                continue;
            }

            var converted = value is null
                ? null
                : ValueConverter.Convert(value, type, new ArgumentSite(_diagnostics, span, name, parameter.Name.Name, scope.Environment.Keys));
            if (converted is null)
            {
                ok = false;
                continue;
            }

            environment[parameter.Name.Name] = converted;
            values.Add(new ArgumentValue(parameter.Name.Name, type, converted));
        }

        arguments = values.ToEquatableArray();
        return ok ? environment : null;
    }

    private TensorRef Failed(ExpansionScope scope, string? resultName) =>
        new(resultName is null ? scope.Temporary() : scope.ValueNameFor(resultName), null);

    private void ReportNoCurrent(SourceSpan span)
    {
        if (!_reportedNoCurrent)
        {
            _reportedNoCurrent = true;
            _diagnostics.Add(DiagnosticCatalog.NoCurrentTensorAt(span, _model.Name.Name));
        }
    }

    private void Abort()
    {
        if (!_aborted)
        {
            _aborted = true;
            _diagnostics.Add(DiagnosticCatalog.ExpansionTooLargeAt(_model.Name.Span, _model.Name.Name, MaxLayers));
        }
    }

    private static string Text(ExpressionSyntax expression) => expression switch
    {
        IntegerLiteralSyntax i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FloatLiteralSyntax f => f.Text,
        NameExpressionSyntax n => n.Name,
        _ => "expression",
    };
}
