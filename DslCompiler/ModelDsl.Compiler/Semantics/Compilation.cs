using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Semantics;

/// <summary>One run of the compiler over a set of files (the body of <see cref="ModelCompiler.Compile"/>).</summary>
internal static class Compilation
{
    public static CompilationResult Run(IReadOnlyList<SourceFile> files, CompilationOptions options, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            diagnostics.AddRange(ModelParser.Parse(file).Diagnostics);
        }

        return new CompilationResult(diagnostics.ToEquatableArray(), EquatableArray<CheckedModel>.Empty, EquatableArray<GeneratedSource>.Empty);
    }
}
