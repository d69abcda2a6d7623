using System.Collections.Generic;
using System.Threading;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler;

/// <summary>The single entry point of the <c>.model</c> compiler: parse, bind, expand, shape-check, count, emit.</summary>
public static class ModelCompiler
{
    /// <summary>Compiles the <c>.model</c> files of one project. Never throws on user input: every problem is a
    /// diagnostic, and an error in a declaration blocks only that declaration.</summary>
    public static CompilationResult Compile(IReadOnlyList<SourceFile> files, CompilationOptions options, CancellationToken cancellationToken = default) =>
        Compilation.Run(files, options, cancellationToken);
}
