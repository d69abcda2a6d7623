using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using Sprache;

namespace ModelDsl.Compiler.Syntax;

/// <summary>
/// The few combinators the grammar needs beyond Sprache's LINQ operators. They share one rule that makes errors
/// precise and parsing linear: an alternative that fails after consuming input is committed, and its failure (the
/// furthest one) is what gets reported, with the expectations of every alternative that failed at that same place.
/// </summary>
internal static class Combinators
{
    public static ParseContext Context(IInput input) => ((SourceInput)input).Context;

    /// <summary>The position of the next token, comments and whitespace skipped.</summary>
    public static int TokenStart(IInput input) => Context(input).SkipTrivia(input.Position);

    public static IResult<T> Fail<T>(IInput at, params string[] expectations) => Result.Failure<T>(at, "unexpected token", expectations);

    public static IResult<TOut> Cast<TIn, TOut>(IResult<TIn> failure) => Result.Failure<TOut>(failure.Remainder, failure.Message, failure.Expectations);

    /// <summary>The first alternative that succeeds; when all fail, the failure that got furthest.</summary>
    public static Parser<T> Choice<T>(params Parser<T>[] alternatives) => input =>
    {
        IResult<T>? best = null;
        foreach (var alternative in alternatives)
        {
            var result = alternative(input);
            if (result.WasSuccessful)
            {
                return result;
            }

            best = Furthest(best, result);
        }

        return best!;
    };

    /// <summary>Of two failures, the one further into the text; at the same place, one expecting what both expect.</summary>
    public static IResult<T> Furthest<T>(IResult<T>? first, IResult<T> second)
    {
        if (first is null || second.Remainder.Position > first.Remainder.Position)
        {
            return second;
        }

        return second.Remainder.Position == first.Remainder.Position
            ? Result.Failure<T>(first.Remainder, first.Message, first.Expectations.Union(second.Expectations).ToArray())
            : first;
    }

    /// <summary>Names what <paramref name="parser"/> expects when it fails before consuming anything
    /// (Sprache's <c>Named</c>, made aware that tokens skip leading comments and whitespace).</summary>
    public static Parser<T> Expect<T>(this Parser<T> parser, string description) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful || result.Remainder.Position > TokenStart(input)
            ? result
            : Fail<T>(result.Remainder, description);
    };

    /// <summary>Optional: null when <paramref name="parser"/> fails without consuming input, its failure when it fails
    /// after consuming some (a half-written <c>as</c> clause is an error, not an absent one).</summary>
    public static Parser<T?> Maybe<T>(this Parser<T> parser)
        where T : class => input =>
    {
        var result = parser(input);
        if (result.WasSuccessful)
        {
            return Result.Success<T?>(result.Value, result.Remainder);
        }

        return result.Remainder.Position > TokenStart(input) ? Cast<T, T?>(result) : Result.Success<T?>(null, input);
    };

    /// <summary>Zero or more, with <see cref="Maybe{T}"/>'s rule for a partly parsed item.</summary>
    public static Parser<IReadOnlyList<T>> ZeroOrMore<T>(this Parser<T> parser) => input =>
    {
        var items = new List<T>();
        var remainder = input;
        while (true)
        {
            var result = parser(remainder);
            if (!result.WasSuccessful)
            {
                return result.Remainder.Position > TokenStart(remainder)
                    ? Cast<T, IReadOnlyList<T>>(result)
                    : Result.Success<IReadOnlyList<T>>(items, remainder);
            }

            if (result.Remainder.Position == remainder.Position)
            {
                // A parser that succeeds without consuming would loop forever.
                return Result.Success<IReadOnlyList<T>>(items, remainder);
            }

            items.Add(result.Value);
            remainder = result.Remainder;
        }
    };

    /// <summary>Sprache-style backtracking for a short lookahead: a failure is reported as if nothing was consumed,
    /// so the caller tries its next alternative (<c>name :</c> tells a named argument from a positional one).</summary>
    public static Parser<T> Attempt<T>(this Parser<T> parser) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful ? result : Result.Failure<T>(input, result.Message, result.Expectations);
    };

    /// <summary>Defers to a parser declared later (the grammar is recursive) and guards the recursion depth, so
    /// deeply nested input is an error instead of a stack overflow.</summary>
    public static Parser<T> Nested<T>(Func<Parser<T>> reference)
    {
        Parser<T>? parser = null;
        return input =>
        {
            var context = Context(input);
            if (context.Depth >= ParseContext.MaxDepth)
            {
                var at = context.SkipTrivia(input.Position);
                context.Report(DiagnosticCatalog.NestingTooDeep(context.Span(at, Math.Min(at + 1, context.Text.Length)), ParseContext.MaxDepth));
                return Fail<T>(context.At(at), "less nesting");
            }

            context.Depth++;
            try
            {
                return (parser ??= reference())(input);
            }
            finally
            {
                context.Depth--;
            }
        };
    }

    /// <summary><c>open item (, item)* [,] close</c>: commas between items, a trailing comma allowed. Returns the items
    /// and the span of the closing token.</summary>
    public static Parser<(IReadOnlyList<T> Items, SourceSpan Open, SourceSpan Close)> Delimited<T>(
        Parser<SourceSpan> open, Parser<T> item, char close, bool commasOptional = false) => input =>
    {
        var opened = open(input);
        if (!opened.WasSuccessful)
        {
            return Cast<SourceSpan, (IReadOnlyList<T>, SourceSpan, SourceSpan)>(opened);
        }

        var context = Context(input);
        var items = new List<T>();
        var closeText = "'" + close + "'";
        var position = opened.Remainder.Position;
        var expectItem = true;
        while (true)
        {
            var at = context.SkipTrivia(position);
            if (at < context.Text.Length && context.Text[at] == close)
            {
                return Result.Success<(IReadOnlyList<T>, SourceSpan, SourceSpan)>(
                    (items, opened.Value, context.Span(at, at + 1)), context.At(at + 1));
            }

            if (!expectItem && !commasOptional)
            {
                return Fail<(IReadOnlyList<T>, SourceSpan, SourceSpan)>(context.At(at), closeText, "','");
            }

            var result = item(context.At(at));
            if (!result.WasSuccessful)
            {
                var failure = result.Remainder.Position > at ? result : Fail<T>(context.At(at), result.Expectations.Concat(new[] { closeText }).ToArray());
                return Cast<T, (IReadOnlyList<T>, SourceSpan, SourceSpan)>(failure);
            }

            items.Add(result.Value);
            var next = context.SkipTrivia(result.Remainder.Position);
            if (next < context.Text.Length && context.Text[next] == ',')
            {
                position = next + 1;
                expectItem = true;
            }
            else
            {
                position = next;
                expectItem = false;
            }
        }
    };
}
