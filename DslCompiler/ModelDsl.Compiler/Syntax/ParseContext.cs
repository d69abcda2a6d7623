using System;
using System.Collections.Generic;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>
/// The state of one parse: the text, its line table, the interned inputs, the diagnostics reported so far and the
/// nesting depth. The grammar itself is static and pure; everything that varies per file lives here.
/// </summary>
internal sealed class ParseContext
{
    /// <summary>How deep brackets, expressions and bodies may nest before the parser stops descending
    /// (deeper input would only come from generated or hostile text, and recursion must not overflow the stack).</summary>
    public const int MaxDepth = 64;

    private readonly int[] _lineStarts;
    private readonly SourceInput?[] _inputs;
    private readonly int[] _triviaEnds;
    private readonly List<Diagnostic> _diagnostics = new();
    private readonly HashSet<(string Id, int Start)> _reported = new();

    public ParseContext(SourceFile file)
    {
        Path = file.Path ?? string.Empty;
        Text = file.Text ?? string.Empty;
        _lineStarts = ComputeLineStarts(Text);
        _inputs = new SourceInput?[Text.Length + 1];
        _triviaEnds = new int[Text.Length + 1];
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>Current nesting depth of expressions and bodies (see <see cref="MaxDepth"/>).</summary>
    public int Depth { get; set; }

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public int ErrorCount { get; private set; }

    /// <summary>Where the last unterminated string ended (its line end), or -1: the token after it is not reported
    /// again as unexpected, the string is the one mistake.</summary>
    public int UnterminatedStringEnd { get; set; } = -1;

    /// <summary>True once an unterminated block comment swallowed the rest of the file: the bodies it left open are
    /// not reported as missing their '}' on top of it.</summary>
    public bool HasUnterminatedComment { get; private set; }

    public SourceInput At(int position)
    {
        position = Math.Max(0, Math.Min(position, Text.Length));
        return _inputs[position] ??= new SourceInput(this, position);
    }

    /// <summary>Adds a diagnostic unless one with the same ID was already reported at the same place: the grammar
    /// backtracks, so a lexical problem can be seen more than once, but is reported once.</summary>
    public void Report(Diagnostic diagnostic)
    {
        if (_reported.Add((diagnostic.Id, diagnostic.Span.Start)))
        {
            _diagnostics.Add(diagnostic);
            if (diagnostic.IsError)
            {
                ErrorCount++;
            }
        }
    }

    public SourceSpan Span(int start, int end)
    {
        var (line, column) = LineColumn(start);
        var (endLine, endColumn) = LineColumn(end);
        return new SourceSpan(Path, start, end - start, line, column, endLine, endColumn);
    }

    /// <summary>1-based line and column of a character offset; <c>\n</c>, <c>\r\n</c> and a lone <c>\r</c> end lines.</summary>
    public (int Line, int Column) LineColumn(int position)
    {
        // The last line start at or before the position (binary search; the first entry is always 0).
        int low = 0, high = _lineStarts.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) >> 1;
            if (_lineStarts[middle] <= position)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return (low + 1, position - _lineStarts[low] + 1);
    }

    /// <summary>The position of the next token at or after <paramref name="position"/>: whitespace and comments
    /// skipped. An unterminated block comment is reported here (once) and runs to the end of the file.</summary>
    public int SkipTrivia(int position)
    {
        if (position >= Text.Length)
        {
            return Text.Length;
        }

        // Cached: the same position is skipped by every alternative the grammar tries there (stored +1 so 0 means "unknown").
        var cached = _triviaEnds[position];
        if (cached != 0)
        {
            return cached - 1;
        }

        var end = Lexer.SkipTrivia(Text, position, out var unterminatedCommentStart);
        if (unterminatedCommentStart >= 0)
        {
            HasUnterminatedComment = true;
            Report(DiagnosticCatalog.UnterminatedComment(Span(unterminatedCommentStart, unterminatedCommentStart + 2)));
        }

        _triviaEnds[position] = end + 1;
        return end;
    }

    /// <summary>True when a top-level declaration starts at <paramref name="position"/>: a declaration keyword followed
    /// by a name or string (so the setting <c>train: idx(...)</c> inside <c>data</c> is not mistaken for one).</summary>
    public bool IsDeclarationStart(int position) => Lexer.IsDeclarationStart(Text, position);

    /// <summary>Describes the token at <paramref name="position"/> for "but found ..." messages.</summary>
    public string DescribeTokenAt(int position) => Lexer.DescribeToken(Text, position);

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }
}
