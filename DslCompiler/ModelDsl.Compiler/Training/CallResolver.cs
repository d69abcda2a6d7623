using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Training;

/// <summary>
/// Binds the arguments of a training call (<c>adam(0.01, beta2: 0.99)</c>, or a bare <c>adam</c>) to a
/// <see cref="CallSpec"/>: positional then named, each converted to its parameter type and range-checked, missing
/// ones filled from the catalog defaults. Every problem becomes a diagnostic; nothing throws.
/// </summary>
internal sealed class CallResolver
{
    private readonly List<Diagnostic> _diagnostics;
    private readonly Func<ExpressionSyntax, CheckedSchedule?> _resolveSchedule;

    public CallResolver(List<Diagnostic> diagnostics, Func<ExpressionSyntax, CheckedSchedule?> resolveSchedule)
    {
        _diagnostics = diagnostics;
        _resolveSchedule = resolveSchedule;
    }

    /// <summary>Resolves <paramref name="expression"/>, a call or a bare name meaning "all defaults".</summary>
    public ResolvedCall Resolve(CallSpec spec, ExpressionSyntax expression)
    {
        var result = new ResolvedCall(spec, expression.Span);
        var arguments = expression is CallExpressionSyntax call ? call.Arguments : EquatableArray<ArgumentSyntax>.Empty;
        var positional = spec.Parameters.Where(parameter => !parameter.NamedOnly).ToList();
        var given = new Dictionary<string, SourceSpan>();
        var position = 0;
        foreach (var argument in arguments)
        {
            ParameterSpec? parameter;
            if (argument.Name is { } name)
            {
                parameter = spec.Find(name.Name);
                if (parameter is null)
                {
                    _diagnostics.Add(DiagnosticCatalog.UnknownTrainArgument(name.Span, spec.Name, name.Name, NameSuggester.Suggest(name.Name, spec.Parameters.Select(p => p.Name)), spec.Signature()));
                    result.HasErrors = true;
                    continue;
                }
            }
            else
            {
                if (position >= positional.Count)
                {
                    _diagnostics.Add(DiagnosticCatalog.TooManyTrainArguments(argument.Span, spec.Name, positional.Count, arguments.Count(a => !a.IsNamed), spec.Signature()));
                    result.HasErrors = true;
                    position++;
                    continue;
                }

                parameter = positional[position++];
            }

            if (given.TryGetValue(parameter.Name, out var first))
            {
                _diagnostics.Add(DiagnosticCatalog.DuplicateTrainSetting(argument.Span, parameter.Name, first));
                result.HasErrors = true;
                continue;
            }

            given[parameter.Name] = argument.Span;
            result.ArgumentSpans[parameter.Name] = argument.Value.Span;
            var value = Convert(spec, parameter, argument.Value);
            if (value is null)
            {
                result.HasErrors = true;
                continue;
            }

            result.Set(parameter.Name, value, isExplicit: true);
        }

        foreach (var parameter in spec.Parameters)
        {
            if (given.ContainsKey(parameter.Name))
            {
                continue;
            }

            if (parameter.Default is { } fallback)
            {
                result.Set(parameter.Name, fallback, isExplicit: false);
            }
            else if (parameter.Required)
            {
                _diagnostics.Add(DiagnosticCatalog.MissingTrainArgument(expression.Span, spec.Name, parameter.Name, spec.Signature()));
                result.HasErrors = true;
            }
        }

        return result;
    }

    /// <summary>Converts one argument to its parameter's type; null (with a diagnostic) when it does not fit.</summary>
    private ArgumentValue? Convert(CallSpec spec, ParameterSpec parameter, ExpressionSyntax value)
    {
        var what = spec.Name + " argument " + parameter.Name;
        switch (parameter.Type)
        {
            case ParameterType.Number:
                return SyntaxDescriber.Number(value) is { } number
                    ? CheckRange(spec, parameter, value, number)
                    : WrongType(value, what, "a number");

            case ParameterType.Integer:
                return value is IntegerLiteralSyntax integer
                    ? CheckRange(spec, parameter, value, integer.Value)
                    : WrongType(value, what, "a whole number");

            case ParameterType.Boolean:
                return value is BooleanLiteralSyntax flag ? new BooleanValue(flag.Value) : WrongType(value, what, "true or false");

            case ParameterType.Text:
                return value is StringLiteralSyntax text ? new TextValue(text.Value) : WrongType(value, what, "a string in quotes");

            case ParameterType.Column:
                return value switch
                {
                    StringLiteralSyntax column => new TextValue(column.Value),
                    NameExpressionSyntax name => new TextValue(name.Name),
                    _ => WrongType(value, what, "a column name"),
                };

            case ParameterType.Monitor:
                return value switch
                {
                    NameExpressionSyntax name => new SymbolValue(name.Name),
                    StringLiteralSyntax quoted => new SymbolValue(quoted.Value),
                    _ => WrongType(value, what, "a monitor name such as val_loss"),
                };

            case ParameterType.Choice:
                if (value is not NameExpressionSyntax choice)
                {
                    return WrongType(value, what, "one of " + string.Join(", ", parameter.Choices));
                }

                if (!parameter.Choices.Contains(choice.Name))
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidTrainChoice(value.Span, spec.Name, parameter.Name, choice.Name, parameter.Choices));
                    return null;
                }

                return new SymbolValue(choice.Name);

            case ParameterType.Size:
                return ConvertSize(spec, parameter, value, what);

            case ParameterType.NumberList:
                var elements = value switch
                {
                    ListExpressionSyntax list => list.Elements,
                    TupleExpressionSyntax tuple => tuple.Elements,
                    _ => (EquatableArray<ExpressionSyntax>?)null,
                };
                if (elements is null || elements.Value.Any(element => SyntaxDescriber.Number(element) is null))
                {
                    return WrongType(value, what, "a list of numbers such as [0.5, 0.5, 0.5]");
                }

                return new NumberListValue(elements.Value.Select(element => SyntaxDescriber.Number(element)!.Value).ToEquatableArray());

            case ParameterType.Schedule:
                return _resolveSchedule(value) is { } schedule ? new ScheduleValue(schedule) : null;

            case ParameterType.Columns:
                return Columns(value) is { } columns ? new ColumnsValue(columns) : WrongType(value, what, "a column name or index, or a list of them such as [crim, zn, 2]");

            case ParameterType.TargetColumns:
                if (value is MapExpressionSyntax map)
                {
                    var targets = new List<OutputColumns>();
                    foreach (var entry in map.Entries)
                    {
                        if (Columns(entry.Value) is not { } entryColumns)
                        {
                            return WrongType(entry.Value, what + " for " + entry.Key.Name, "a column name or index, or a list of them");
                        }

                        targets.Add(new OutputColumns(entry.Key.Name, entryColumns));
                    }

                    return new TargetColumnsValue(targets.ToEquatableArray());
                }

                return Columns(value) is { } single
                    ? new TargetColumnsValue(EquatableArray.Create(new OutputColumns(null, single)))
                    : WrongType(value, what, "a column, a list of columns, or a map { output: columns }");

            default:
                return WrongType(value, what, parameter.Type.ToString());
        }
    }

    /// <summary>A column (word, string or 0-based index) or a non-empty list of them; null when it is something else.</summary>
    private static EquatableArray<ColumnRef>? Columns(ExpressionSyntax value)
    {
        static ColumnRef? One(ExpressionSyntax element) => element switch
        {
            NameExpressionSyntax name => new ColumnRef(name.Name),
            StringLiteralSyntax text => new ColumnRef(text.Value),
            IntegerLiteralSyntax { Value: >= 0 } index => new ColumnRef(null, index.Value),
            _ => null,
        };

        if (value is ListExpressionSyntax list)
        {
            var columns = list.Elements.Select(One).ToList();
            return columns.Count == 0 || columns.Any(c => c is null) ? (EquatableArray<ColumnRef>?)null : columns.Select(c => c!).ToEquatableArray();
        }

        return One(value) is { } column ? EquatableArray.Create(column) : (EquatableArray<ColumnRef>?)null;
    }

    private ArgumentValue? ConvertSize(CallSpec spec, ParameterSpec parameter, ExpressionSyntax value, string what)
    {
        int height, width;
        switch (value)
        {
            case IntegerLiteralSyntax side:
                height = width = side.Value;
                break;
            case TupleExpressionSyntax { Elements.Count: 2 } tuple when tuple.Elements[0] is IntegerLiteralSyntax h && tuple.Elements[1] is IntegerLiteralSyntax w:
                height = h.Value;
                width = w.Value;
                break;
            default:
                return WrongType(value, what, "an image size n or (height, width)");
        }

        if (height < 1 || width < 1)
        {
            _diagnostics.Add(DiagnosticCatalog.TrainArgumentOutOfRange(value.Span, spec.Name, parameter.Name, "≥ 1 in each dimension", $"({height}, {width})"));
            return null;
        }

        return new SizeValue(height, width);
    }

    private ArgumentValue? CheckRange(CallSpec spec, ParameterSpec parameter, ExpressionSyntax value, double number)
    {
        if (parameter.InRange(number))
        {
            return new NumberValue(number);
        }

        _diagnostics.Add(parameter.Name == "lr"
            ? DiagnosticCatalog.InvalidLearningRate(value.Span, spec.Name, SyntaxDescriber.Describe(value))
            : DiagnosticCatalog.TrainArgumentOutOfRange(value.Span, spec.Name, parameter.Name, parameter.RangeText(), SyntaxDescriber.Describe(value)));
        return null;
    }

    private ArgumentValue? WrongType(ExpressionSyntax value, string what, string expected)
    {
        _diagnostics.Add(DiagnosticCatalog.WrongTrainValueType(value.Span, what, expected, SyntaxDescriber.Describe(value)));
        return null;
    }
}
