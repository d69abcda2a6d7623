using System;
using System.Collections.Generic;
using Sprache;

namespace ModelDsl.Compiler.Syntax;

/// <summary>
/// Sprache's view of one position in a <c>.model</c> file. Unlike Sprache's own <c>Input</c> it knows its
/// <see cref="ParseContext"/> (file path, line table, diagnostics), so token parsers can build spans and report lexical
/// errors, and it can jump: token parsers scan the text directly and return the input at the token's end instead of
/// advancing one character at a time. Inputs are interned per position by the context, so Sprache's reference
/// comparisons (<c>remainder == input</c>) mean "same position".
/// </summary>
internal sealed class SourceInput : IInput
{
    private IDictionary<object, object>? _memos;

    public SourceInput(ParseContext context, int position)
    {
        Context = context;
        Position = position;
    }

    public ParseContext Context { get; }

    public string Source => Context.Text;

    public char Current => Position < Context.Text.Length ? Context.Text[Position] : '\0';

    public bool AtEnd => Position >= Context.Text.Length;

    public int Position { get; }

    public int Line => Context.LineColumn(Position).Line;

    public int Column => Context.LineColumn(Position).Column;

    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance()
    {
        if (AtEnd)
        {
            throw new InvalidOperationException("The input is already at the end of the source.");
        }

        return Context.At(Position + 1);
    }

    public bool Equals(IInput? other) => other is SourceInput input && ReferenceEquals(input.Context, Context) && input.Position == Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => Position;

    public override string ToString() => $"{Context.Path}({Line},{Column})";
}
