using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Semantics;

/// <summary>Which <c>let</c> statements were ever read, across every expansion of every model (a let in a block counts
/// as used when any call uses it), for the unused-let warning.</summary>
internal sealed class LetUsage
{
    private readonly Dictionary<SourceSpan, string> _defined = new();
    private readonly HashSet<SourceSpan> _used = new();

    public void Define(SourceSpan span, string name) => _defined[span] = name;

    public void Use(SourceSpan span) => _used.Add(span);

    public IEnumerable<Diagnostic> Unused() =>
        _defined.Where(d => !_used.Contains(d.Key)).Select(d => DiagnosticCatalog.UnusedLetAt(d.Key, d.Value));
}
