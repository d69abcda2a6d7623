using System;
using System.Text;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// An indentation-aware text writer for generated C#. Every line ends with <c>\n</c> whatever the platform, so
/// output is byte-for-byte deterministic; blank lines carry no trailing whitespace.
/// </summary>
public sealed class CodeWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _text = new();
    private int _depth;
    private bool _pendingBlankLine;

    /// <summary>The current nesting depth (0 at namespace level).</summary>
    public int Depth => _depth;

    /// <summary>Writes one line at the current indentation. The text must not contain a line break.</summary>
    public CodeWriter Line(string text)
    {
        if (text.IndexOf('\n') >= 0 || text.IndexOf('\r') >= 0)
        {
            throw new ArgumentException("A generated line must not contain a line break; write several lines.", nameof(text));
        }

        FlushBlankLine();
        if (text.Length > 0)
        {
            for (var i = 0; i < _depth; i++)
            {
                _text.Append(IndentUnit);
            }

            _text.Append(text);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes an empty line.</summary>
    public CodeWriter Line() => Line(string.Empty);

    /// <summary>
    /// Asks for one blank line before the next line written, unless the next line closes a block. Several requests
    /// in a row give one blank line, so callers separate members without tracking what came before.
    /// </summary>
    public CodeWriter BlankLine()
    {
        if (_text.Length > 0 && !EndsWithOpenBrace())
        {
            _pendingBlankLine = true;
        }

        return this;
    }

    /// <summary>Writes <paramref name="header"/> (if any) and <c>{</c>, then indents until the returned scope is disposed.</summary>
    public Scope Block(string? header = null, string closing = "}")
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _depth++;
        return new Scope(this, closing);
    }

    /// <summary>Indents the lines written until the returned scope is disposed (for wrapped argument lists).</summary>
    public Scope Indented()
    {
        _depth++;
        return new Scope(this, null);
    }

    /// <summary>The text written so far.</summary>
    public override string ToString() => _text.ToString();

    private void Close(string? closing)
    {
        _depth--;
        _pendingBlankLine = false;
        if (closing is not null)
        {
            Line(closing);
        }
    }

    private void FlushBlankLine()
    {
        if (_pendingBlankLine)
        {
            _pendingBlankLine = false;
            _text.Append('\n');
        }
    }

    private bool EndsWithOpenBrace() => _text.Length >= 2 && _text[_text.Length - 1] == '\n' && _text[_text.Length - 2] == '{';

    /// <summary>Closes a block or an indentation level.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly CodeWriter _writer;
        private readonly string? _closing;

        internal Scope(CodeWriter writer, string? closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose() => _writer.Close(_closing);
    }
}
