using System;
using System.Collections.Generic;
using ModelDsl.Compiler.Diagnostics;
using Sprache;
using static ModelDsl.Compiler.Syntax.Combinators;

namespace ModelDsl.Compiler.Syntax;

/// <summary>
/// The one place where the parser recovers inside declarations. A body is <c>{ item item ... }</c>; an item that fails
/// is reported once and skipped to the end of its line (or to the body's <c>}</c>), so the next statements are still
/// parsed and checked; a statement body keeps a <see cref="SkippedStatementSyntax"/> in its place. A body that reaches the end of the file, or a line that starts a new declaration, is reported
/// as missing its <c>}</c> at its opening brace, and parsing resumes there.
/// </summary>
internal static class Bodies
{
    /// <summary>Decides whether a parsed item is allowed where it stands; returns false to drop it (after reporting).</summary>
    public delegate bool Acceptor<T>(ParseContext context, T item, IReadOnlyList<T> itemsSoFar);

    /// <summary>Makes the item that stands in for the text from <c>start</c> to <c>end</c> that was skipped after a syntax
    /// error, or returns null to leave nothing in its place.</summary>
    public delegate T? StandIn<T>(ParseContext context, int start, int end);

    public static Parser<BodyResult<T>> Body<T>(Parser<T> item, string owner, Acceptor<T>? accept = null, bool commas = false, StandIn<T>? skipped = null)
    {
        var openBrace = Tokens.Symbol("{");
        return input =>
        {
            var opened = openBrace(input);
            if (!opened.WasSuccessful)
            {
                return Cast<SourceSpan, BodyResult<T>>(opened);
            }

            var context = Context(input);
            var text = context.Text;
            var items = new List<T>();
            var position = opened.Remainder.Position;
            while (true)
            {
                var at = context.SkipTrivia(position);
                if (at < text.Length && text[at] == '}')
                {
                    return Result.Success(new BodyResult<T>(items.ToEquatableArray(), opened.Value, context.Span(at, at + 1)), context.At(at + 1));
                }

                if (at >= text.Length || (Lexer.IsFirstOnLine(text, at) && context.IsDeclarationStart(at)))
                {
                    var found = at >= text.Length ? "the end of the file" : "the start of a new declaration";
                    if (at < text.Length || !context.HasUnterminatedComment)
                    {
                        context.Report(DiagnosticCatalog.MissingCloseBrace(opened.Value, owner, found));
                    }

                    return Result.Success(new BodyResult<T>(items.ToEquatableArray(), opened.Value, context.Span(at, at)), context.At(at));
                }

                if (commas && text[at] == ',')
                {
                    position = at + 1;
                    continue;
                }

                var result = item(context.At(at));
                if (result.WasSuccessful && result.Remainder.Position > at)
                {
                    if (accept is null || accept(context, result.Value, items))
                    {
                        items.Add(result.Value);
                    }

                    position = result.Remainder.Position;
                    continue;
                }

                var failedAt = result.WasSuccessful ? at : SyntaxErrors.Report(context, result);
                position = failedAt > at && Lexer.IsFirstOnLine(text, failedAt) && context.IsDeclarationStart(failedAt)
                    ? failedAt
                    : SyntaxErrors.SkipStatement(text, Math.Max(failedAt, at));
                if (position <= at)
                {
                    // Always make progress, whatever the recovery scan decided.
                    position = at + 1;
                }

                if (skipped is not null && skipped(context, at, position) is { } standIn)
                {
                    items.Add(standIn);
                }
            }
        };
    }
}
