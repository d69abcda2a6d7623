using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// Reads the bound arguments of one layer call as typed values: evaluates the expression (or takes the default), checks
/// type and range, reports problems at the argument, and remembers that something failed so the layer produces no
/// output shape. Every argument is read even after a failure, so all argument errors of a call are reported at once.
/// </summary>
internal sealed class LayerArgumentReader
{
    private readonly LayerDefinition _layer;
    private readonly IReadOnlyDictionary<string, ArgumentSyntax> _bound;
    private readonly IReadOnlyDictionary<string, ConstantValue> _environment;
    private readonly DiagnosticBag _diagnostics;
    private readonly SourceSpan _callSpan;

    public LayerArgumentReader(
        LayerDefinition layer,
        IReadOnlyDictionary<string, ArgumentSyntax> bound,
        IReadOnlyDictionary<string, ConstantValue> environment,
        DiagnosticBag diagnostics,
        SourceSpan callSpan,
        LayerDefaults? defaults = null)
    {
        Defaults = defaults ?? LayerDefaults.PyTorch;
        _layer = layer;
        _bound = bound;
        _environment = environment;
        _diagnostics = diagnostics;
        _callSpan = callSpan;
    }

    public bool Failed { get; private set; }

    /// <summary>The file's <c>defaults { init: … }</c> profile, for arguments that are not written.</summary>
    public LayerDefaults Defaults { get; }

    /// <summary>True when the argument was written (not a default).</summary>
    public bool IsGiven(string name) => _bound.ContainsKey(name);

    public long Int(string name, long min)
    {
        var (value, site) = Read(name);
        switch (value)
        {
            case null:
                return min;
            case IntValue i when i.Value >= min && i.Value <= int.MaxValue:
                return i.Value;
            case IntValue i:
                Fail(() => site!.OutOfRange(i, min == 0 ? "zero or more" : $"at least {min}"));
                return min;
            default:
                Fail(() => site!.Mismatch(value, "an integer"));
                return min;
        }
    }

    /// <summary>An integer that may be negative (concat's axis).</summary>
    public long SignedInt(string name)
    {
        var (value, site) = Read(name);
        if (value is IntValue i && i.Value >= int.MinValue && i.Value <= int.MaxValue)
        {
            return i.Value;
        }

        if (value is not null)
        {
            Fail(() => site!.Mismatch(value, "an integer"));
        }

        return 0;
    }

    public double Float(string name, double min, double max, bool maxExclusive, string requirement)
    {
        var (value, site) = Read(name);
        double number;
        switch (value)
        {
            case null:
                return min;
            case IntValue i:
                number = i.Value;
                break;
            case FloatValue f:
                number = f.Value;
                break;
            default:
                Fail(() => site!.Mismatch(value, "a number"));
                return min;
        }

        if (double.IsNaN(number) || number < min || number > max || (maxExclusive && number >= max))
        {
            Fail(() => site!.OutOfRange(value, requirement));
            return min;
        }

        return number;
    }

    public bool Bool(string name)
    {
        var (value, site) = Read(name);
        switch (value)
        {
            case BoolValue b:
                return b.Value;
            case null:
                return false;
            default:
                Fail(() => site!.Mismatch(value, "true or false"));
                return false;
        }
    }

    /// <summary>batchnorm's <c>momentum</c>: a number in [0, 1], or <c>none</c> (null) for the cumulative moving average.</summary>
    public double? MomentumOrNone(string name)
    {
        var (value, site) = Read(name);
        if (value is NameValue word)
        {
            if (word.Name == "none")
            {
                return null;
            }

            Fail(() => _diagnostics.Add(DiagnosticCatalog.InvalidMomentumAt(site!.Span, word.Name, NameSuggester.Suggest(word.Name, new[] { "none" }))));
            return null;
        }

        return Float(name, 0, 1, maxExclusive: false, "between 0 and 1 (or none: the cumulative average)");
    }

    /// <summary>
    /// batchnorm's affine switches as (scale, center): PyTorch's <c>affine</c> sets both, Keras' <c>scale</c> (γ) and
    /// <c>center</c> (β) one each. Mixing the two spellings in one call is MD2125.
    /// </summary>
    public (bool Scale, bool Center) AffineSwitches()
    {
        var affine = Bool("affine");
        var scale = Bool("scale");
        var center = Bool("center");
        if (IsGiven("affine") && (IsGiven("scale") || IsGiven("center")))
        {
            var keras = _bound[IsGiven("scale") ? "scale" : "center"];
            Fail(() => _diagnostics.Add(DiagnosticCatalog.AffineSpellingsMixedAt(keras.Span, IsGiven("scale") ? "scale" : "center")));
            return (true, true);
        }

        return IsGiven("affine") ? (affine, affine) : (scale, center);
    }

    public ActivationSpec? Activation(string name)
    {
        var (value, site) = Read(name);
        if (value is null)
        {
            return null;
        }

        if (value is NameValue word && ActivationNames.TryParse(word.Name, out var function))
        {
            return ActivationSpec.Of(function);
        }

        Fail(() => site!.Mismatch(value, ValueConverter.Describe(ParameterType.Activation)));
        return null;
    }

    /// <summary>An integer k (meaning (k, k)) or an (h, w) tuple, each at least <paramref name="min"/>; null when absent.</summary>
    public Size2? Size(string name, int min)
    {
        var (value, site) = Read(name);
        switch (value)
        {
            case null:
                return null;
            case IntValue i when i.Value >= min && i.Value <= int.MaxValue:
                return new Size2((int)i.Value, (int)i.Value);
            case TupleValue { Items.Count: 2 } t when t.Items.All(v => v is IntValue):
                var h = ((IntValue)t.Items[0]).Value;
                var w = ((IntValue)t.Items[1]).Value;
                if (h >= min && w >= min && h <= int.MaxValue && w <= int.MaxValue)
                {
                    return new Size2((int)h, (int)w);
                }

                Fail(() => site!.OutOfRange(value, $"at least {min} on both axes"));
                return null;
            case IntValue:
                Fail(() => site!.OutOfRange(value, $"at least {min}"));
                return null;
            default:
                Fail(() => site!.Mismatch(value, "an integer or an (height, width) tuple"));
                return null;
        }
    }

    /// <summary>A padding: <c>same</c> (null amount), <c>valid</c>, an integer, (h, w) or (top, bottom, left, right).</summary>
    public (PaddingMode Mode, Padding4? Amount) Padding(string name, bool allowWords)
    {
        var (value, site) = Read(name);
        switch (value)
        {
            case null:
                return (PaddingMode.Valid, Padding4.None);
            case NameValue { Name: "valid" } when allowWords:
                return (PaddingMode.Valid, Padding4.None);
            case NameValue { Name: "same" } when allowWords:
                return (PaddingMode.Same, null);
            case IntValue i when i.Value >= 0 && i.Value <= int.MaxValue:
                var p = (int)i.Value;
                return (PaddingMode.Explicit, new Padding4(p, p, p, p));
            case TupleValue t when (t.Items.Count == 2 || t.Items.Count == 4) && t.Items.All(v => v is IntValue):
                var items = t.Items.Select(v => ((IntValue)v).Value).ToArray();
                if (items.Any(v => v < 0 || v > int.MaxValue))
                {
                    Fail(() => site!.OutOfRange(value, "zero or more on every side"));
                    return (PaddingMode.Valid, Padding4.None);
                }

                var amount = items.Length == 2
                    ? new Padding4((int)items[0], (int)items[0], (int)items[1], (int)items[1])
                    : new Padding4((int)items[0], (int)items[1], (int)items[2], (int)items[3]);
                return (PaddingMode.Explicit, amount);
            case IntValue:
                Fail(() => site!.OutOfRange(value, "zero or more"));
                return (PaddingMode.Valid, Padding4.None);
            default:
                var expected = allowWords
                    ? "valid, same, an integer, an (height, width) or a (top, bottom, left, right) tuple"
                    : "an integer, an (height, width) or a (top, bottom, left, right) tuple";
                Fail(() => site!.Mismatch(value, expected));
                return (PaddingMode.Valid, Padding4.None);
        }
    }

    /// <summary>
    /// An initialiser: a name (<c>glorot_uniform</c>) or a call (<c>constant(0.1)</c>, <c>normal(scale: 0.02)</c>,
    /// <c>uniform(0.1)</c>); <paramref name="fallback"/> (the file's profile) when the argument is not written.
    /// </summary>
    public InitializerSpec? Initializer(string name, InitializerSpec? fallback)
    {
        if (!_bound.TryGetValue(name, out var argument))
        {
            return fallback;
        }

        var expression = argument.Value;
        if (expression is NameExpressionSyntax word && _environment.TryGetValue(word.Name, out var parameterValue) && parameterValue is NameValue passed)
        {
            // A block parameter that carries an initialiser name.
            return InitializerNamed(passed.Name, expression.Span, name);
        }

        switch (expression)
        {
            case NameExpressionSyntax plain:
                return InitializerNamed(plain.Name, expression.Span, name);
            case CallExpressionSyntax call:
                return InitializerCall(call, name);
            default:
                var value = ExpressionEvaluator.Evaluate(expression, _environment, _diagnostics);
                Fail(() => _diagnostics.Add(DiagnosticCatalog.UnknownInitializer(expression.Span, _layer.Name, name, value is null ? "this expression" : ExpressionEvaluator.Describe(value), null)));
                return null;
        }
    }

    private InitializerSpec? InitializerNamed(string word, SourceSpan span, string parameter)
    {
        if (!InitializerSpec.TryParse(word, out var kind))
        {
            Fail(() => _diagnostics.Add(DiagnosticCatalog.UnknownInitializer(span, _layer.Name, parameter, $"'{word}'", NameSuggester.Suggest(word, InitializerSpec.Names))));
            return null;
        }

        switch (kind)
        {
            case InitializerKind.Constant:
                Fail(() => _diagnostics.Add(DiagnosticCatalog.InvalidInitializerArgument(span, "constant", "needs its value", "constant(0.1)")));
                return null;
            case InitializerKind.Normal or InitializerKind.Uniform:
                return new InitializerSpec(kind, InitializerSpec.DefaultScale);
            default:
                return new InitializerSpec(kind);
        }
    }

    private InitializerSpec? InitializerCall(CallExpressionSyntax call, string parameter)
    {
        var word = call.Callee.Name;
        if (!InitializerSpec.TryParse(word, out var kind))
        {
            Fail(() => _diagnostics.Add(DiagnosticCatalog.UnknownInitializer(call.Callee.Span, _layer.Name, parameter, $"'{word}(...)'", NameSuggester.Suggest(word, InitializerSpec.Names))));
            return null;
        }

        var (argumentName, signature) = kind switch
        {
            InitializerKind.Constant => ("value", "constant(0.1)"),
            InitializerKind.Normal => ("scale", "normal(scale: 0.05)"),
            InitializerKind.Uniform => ("scale", "uniform(scale: 0.05)"),
            _ => (null, word),
        };
        if (argumentName is null)
        {
            Fail(() => _diagnostics.Add(DiagnosticCatalog.InvalidInitializerArgument(call.Span, word, "takes no arguments", signature)));
            return null;
        }

        if (call.Arguments.Count > 1 || (call.Arguments.Count == 1 && call.Arguments[0].Name is { } given && given.Name != argumentName))
        {
            var extra = call.Arguments.Count > 1 ? call.Arguments[1] : call.Arguments[0];
            Fail(() => _diagnostics.Add(DiagnosticCatalog.InvalidInitializerArgument(extra.Span, word, $"takes one argument, '{argumentName}'", signature)));
            return null;
        }

        if (call.Arguments.Count == 0)
        {
            if (kind == InitializerKind.Constant)
            {
                Fail(() => _diagnostics.Add(DiagnosticCatalog.InvalidInitializerArgument(call.Span, word, "needs its value", signature)));
                return null;
            }

            return new InitializerSpec(kind, InitializerSpec.DefaultScale);
        }

        var value = ExpressionEvaluator.Evaluate(call.Arguments[0].Value, _environment, _diagnostics);
        double? number = value switch { IntValue i => i.Value, FloatValue f => f.Value, _ => null };
        if (value is null)
        {
            Failed = true;
            return null;
        }

        if (number is not { } x || double.IsNaN(x) || double.IsInfinity(x) || (kind != InitializerKind.Constant && x <= 0))
        {
            var requirement = kind == InitializerKind.Constant ? "a finite number" : "a positive number";
            Fail(() => _diagnostics.Add(DiagnosticCatalog.InvalidInitializerArgument(call.Arguments[0].Value.Span, word, $"expects {argumentName} to be {requirement} but found {ExpressionEvaluator.Describe(value)}", signature)));
            return null;
        }

        return new InitializerSpec(kind, x);
    }

    /// <summary>Evaluates a variadic integer list (reshape's dims).</summary>
    public List<long> Ints(IReadOnlyList<ArgumentSyntax> arguments)
    {
        var result = new List<long>();
        foreach (var argument in arguments)
        {
            var value = ExpressionEvaluator.Evaluate(argument.Value, _environment, _diagnostics);
            var site = Site(argument.Span, "dims");
            switch (value)
            {
                case null:
                    Failed = true;
                    break;
                case IntValue i:
                    result.Add(i.Value);
                    break;
                default:
                    Fail(() => site.Mismatch(value, "an integer"));
                    break;
            }
        }

        return result;
    }

    /// <summary>Reports a required parameter that has no argument.</summary>
    public void CheckRequired()
    {
        foreach (var parameter in _layer.Parameters.Where(p => p.Required && !_bound.ContainsKey(p.Name)))
        {
            Fail(() => _diagnostics.Add(DiagnosticCatalog.MissingArgumentAt(_callSpan, _layer.Name + "()", parameter.Name)));
        }
    }

    private (ConstantValue? Value, ArgumentSite? Site) Read(string name)
    {
        var parameter = _layer.Parameter(name);
        if (!_bound.TryGetValue(name, out var argument))
        {
            return (parameter.Default, Site(_callSpan, name));
        }

        var value = ExpressionEvaluator.Evaluate(argument.Value, _environment, _diagnostics);
        if (value is null)
        {
            Failed = true;
        }

        return (value, Site(argument.Value.Span, name));
    }

    private ArgumentSite Site(SourceSpan span, string parameter) =>
        new(_diagnostics, span, _layer.Name, parameter, _environment.Keys);

    private void Fail(System.Action report)
    {
        Failed = true;
        report();
    }
}
