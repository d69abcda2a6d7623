using System.Collections.Generic;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// Collects diagnostics of the semantic stage. Expansion visits a block body once per call, so the same problem can be
/// found many times: repeats (same ID, place and message) are kept once. While a call is being expanded, messages get
/// the call site appended, so an error inside a block says which call led to it. Declarations with syntax errors report
/// their shape errors too: a statement the parser skipped stands in as an unknown shape (<see cref="Syntax.SkippedStatementSyntax"/>).
/// </summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();
    private readonly HashSet<(string Id, string File, int Start, string Message)> _seen = new();
    private readonly Stack<string> _context = new();

    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>Errors reported so far, repeats and suppressed ones included (a declaration fails when this grows).</summary>
    public int ErrorsSeen { get; private set; }

    public void PushContext(string context) => _context.Push(context);

    public void PopContext() => _context.Pop();

    public void Add(Diagnostic diagnostic)
    {
        if (diagnostic.IsError)
        {
            ErrorsSeen++;
        }

        if (_seen.Add((diagnostic.Id, diagnostic.Span.FilePath, diagnostic.Span.Start, diagnostic.Message)))
        {
            _items.Add(_context.Count == 0 ? diagnostic : diagnostic with { Message = diagnostic.Message + " (" + _context.Peek() + ")" });
        }
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Add(diagnostic);
        }
    }
}
