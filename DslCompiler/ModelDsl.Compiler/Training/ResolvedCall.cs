using System.Collections.Generic;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Training;

/// <summary>A call resolved against its <see cref="CallSpec"/>, with the span of every given argument so later
/// checks (ranges that involve two arguments, min below max) can point at the right place.</summary>
internal sealed class ResolvedCall
{
    public ResolvedCall(CallSpec spec, SourceSpan span)
    {
        Spec = spec;
        Span = span;
    }

    public CallSpec Spec { get; }

    /// <summary>The whole call.</summary>
    public SourceSpan Span { get; }

    public List<ResolvedArgument> Arguments { get; } = new();

    public Dictionary<string, SourceSpan> ArgumentSpans { get; } = new();

    /// <summary>True when an argument was missing, unknown or invalid (the call is reported and produces no record).</summary>
    public bool HasErrors { get; set; }

    public EquatableArray<ResolvedArgument> ToArray() => Arguments.ToEquatableArray();

    /// <summary>The span of an argument if given, else of the call.</summary>
    public SourceSpan SpanOf(string name) => ArgumentSpans.TryGetValue(name, out var span) ? span : Span;

    public void Set(string name, ArgumentValue value, bool isExplicit)
    {
        var index = Arguments.FindIndex(argument => argument.Name == name);
        var resolved = new ResolvedArgument(name, value, isExplicit);
        if (index >= 0)
        {
            Arguments[index] = resolved;
        }
        else
        {
            // Keep catalog order: insert before the first argument whose parameter comes later.
            var order = Spec.Parameters.ToArray();
            var position = System.Array.FindIndex(order, parameter => parameter.Name == name);
            var insertAt = Arguments.FindIndex(argument => System.Array.FindIndex(order, parameter => parameter.Name == argument.Name) > position);
            Arguments.Insert(insertAt < 0 ? Arguments.Count : insertAt, resolved);
        }
    }
}
