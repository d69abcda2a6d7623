using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
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
    /// <summary>The expectation of a failure caused by the nesting limit: MD1015 is already reported, so no MD1001 follows.</summary>
    public const string TooDeep = "less nesting";

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
            ? Result.Failure<T>(first.Remainder, first.Message, first.Expectations.Concat(second.Expectations).ToArray())
            : first;
    }

    /// <summary>Predictive choice on the first character of the next token (digit, quote, bracket...): one parser is
    /// tried instead of every alternative, which keeps expression parsing cheap. <paramref name="select"/> returns
    /// null when no alternative can start with that character.</summary>
    public static Parser<T> ByFirstCharacter<T>(Func<char, Parser<T>?> select, string expectation)
    {
        var expectations = new[] { expectation };
        return input =>
        {
            var context = Context(input);
            var at = context.SkipTrivia(input.Position);
            var parser = at < context.Text.Length ? select(context.Text[at]) : null;
            return parser is null ? Result.Failure<T>(context.At(at), "unexpected token", expectations) : parser(input);
        };
    }

    /// <summary>Predictive choice on a leading keyword: the parser registered for the word at the next token, else
    /// <paramref name="fallback"/>. When the keyword's parser fails, the fallback is tried too (<c>data: ...</c> is a
    /// setting, <c>data { ... }</c> a data section) and the furthest failure wins.</summary>
    public static Parser<T> ByKeyword<T>(IReadOnlyDictionary<string, Parser<T>> parsers, Parser<T> fallback) => input =>
    {
        var context = Context(input);
        var at = context.SkipTrivia(input.Position);
        var end = Lexer.ScanIdentifier(context.Text, at);
        if (end > at && end - at <= 16 && parsers.TryGetValue(context.Text.Substring(at, end - at), out var parser))
        {
            var result = parser(input);
            return result.WasSuccessful ? result : Furthest(result, fallback(input));
        }

        return fallback(input);
    };

    /// <summary>One of the given one-character operators, mapped to its value.</summary>
    public static Parser<TOperator> Operator<TOperator>(string symbols, params TOperator[] values)
    {
        var expectations = symbols.Select(c => "'" + c + "'").ToArray();
        return input =>
        {
            var context = Context(input);
            var at = context.SkipTrivia(input.Position);
            var index = at < context.Text.Length ? symbols.IndexOf(context.Text[at]) : -1;
            return index < 0
                ? Result.Failure<TOperator>(context.At(at), "unexpected token", expectations)
                : Result.Success(values[index], context.At(at + 1));
        };
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
            if (context.Depth >= ParseContext.MaxDepth || !HasStackToSpare())
            {
                var at = context.SkipTrivia(input.Position);
                context.Report(DiagnosticCatalog.NestingTooDeep(context.Span(at, Math.Min(at + 1, context.Text.Length)), ParseContext.MaxDepth));
                return Fail<T>(context.At(at), TooDeep);
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

    /// <summary>False when the thread's stack is nearly exhausted (a host thread with a small stack), so the depth
    /// limit can never turn into a stack overflow, which no catch block could handle.</summary>
    private static bool HasStackToSpare()
    {
        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return true;
        }
        catch (InsufficientExecutionStackException)
        {
            return false;
        }
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
