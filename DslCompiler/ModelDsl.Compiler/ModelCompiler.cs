using System.Collections.Generic;
using System.Threading;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler;

/// <summary>The single entry point of the <c>.model</c> compiler: parse, bind, expand, shape-check, count, emit.</summary>
public static class ModelCompiler
{
    /// <summary>Compiles the <c>.model</c> files of one project. Never throws on user input: every problem is a
    /// diagnostic, and an error in a declaration blocks only that declaration.</summary>
    public static CompilationResult Compile(IReadOnlyList<SourceFile> files, CompilationOptions options, CancellationToken cancellationToken = default) =>
        Compilation.Run(files, options, cancellationToken);

    /// <summary>Parses one file (never throws; syntax errors are in the result's diagnostics).</summary>
    public static ParseResult Parse(SourceFile file) => ModelParser.Parse(file);

    /// <summary>Compiles files parsed earlier with <see cref="Parse"/>: the incremental generator parses each file in its
    /// own cached step, so an edit re-parses only the edited file.</summary>
    public static CompilationResult Compile(IReadOnlyList<ParseResult> parsedFiles, CompilationOptions options, CancellationToken cancellationToken = default) =>
        Compilation.Run(parsedFiles, options, cancellationToken);
}
