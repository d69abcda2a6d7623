using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Semantics;

/// <summary>Where an argument is written and what it is for, so conversions can report precisely.</summary>
internal sealed class ArgumentSite
{
    private readonly DiagnosticBag _diagnostics;
    private readonly IEnumerable<string> _parameterNames;

    public ArgumentSite(DiagnosticBag diagnostics, SourceSpan span, string callee, string parameter, IEnumerable<string> parameterNames)
    {
        _diagnostics = diagnostics;
        Span = span;
        Callee = callee;
        Parameter = parameter;
        _parameterNames = parameterNames;
    }

    public SourceSpan Span { get; }

    public string Callee { get; }

    public string Parameter { get; }

    public void Mismatch(ConstantValue value, string expected)
    {
        // A bare word where a number is wanted is most likely a misspelt block parameter.
        if (value is NameValue name && !expected.StartsWith("an activation", System.StringComparison.Ordinal) && !ValueConverter.PaddingWords.Contains(name.Name)
            && !ActivationNames.TryParse(name.Name, out _))
        {
            _diagnostics.Add(DiagnosticCatalog.UnknownNameAt(Span, name.Name, NameSuggester.Suggest(name.Name, _parameterNames)));
            return;
        }

        var suggestion = value is NameValue word && expected.StartsWith("an activation", System.StringComparison.Ordinal)
            ? NameSuggester.Suggest(word.Name, ValueConverter.AllActivations())
            : null;
        _diagnostics.Add(DiagnosticCatalog.ArgumentTypeMismatchAt(
            Span, Callee, Parameter, expected, ExpressionEvaluator.Describe(value) + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)")));
    }

    public void OutOfRange(ConstantValue value, string requirement) =>
        _diagnostics.Add(DiagnosticCatalog.InvalidArgumentValueAt(Span, Callee, Parameter, value.ToString(), requirement));
}
