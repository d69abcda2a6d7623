using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using ModelDsl.Compiler;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Generators.Pipeline;

/// <summary>Turns Roslyn's additional texts into the compiler's value-equal <see cref="SourceFile"/>s, so nothing
/// Roslyn-specific travels down the pipeline.</summary>
public static class ModelFiles
{
    public const string Extension = ".model";

    public static bool IsModelFile(AdditionalText text) => IsModelPath(text.Path);

    public static bool IsModelPath(string path) => path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's path and text, or null when the host cannot read it (deleted since the build started).</summary>
    public static SourceFile? Read(AdditionalText text, CancellationToken cancellationToken)
    {
        var content = text.GetText(cancellationToken);
        return content is null ? null : new SourceFile(text.Path, content.ToString());
    }

    /// <summary>
    /// One entry per path, sorted, so the compiler sees the same input in the same order on every run (a project that
    /// lists a file twice as AdditionalFiles must not get every diagnostic twice).
    /// </summary>
    public static EquatableArray<SourceFile> ToSet(IEnumerable<SourceFile?> files) =>
        files
            .OfType<SourceFile>()
            .GroupBy(file => file.Path, StringComparer.Ordinal)
            .Select(group => group.First())
            .OrderBy(file => file.Path, StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>The file parsed on its own, so the generator re-parses only the files that changed.</summary>
    public static ParseResult? Parse(SourceFile? file, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return file is null ? null : ModelCompiler.Parse(file);
    }

    /// <summary>As <see cref="ToSet(IEnumerable{SourceFile?})"/>, for parsed files: one per path, sorted by path.</summary>
    public static EquatableArray<ParseResult> ToParsedSet(IEnumerable<ParseResult?> files) =>
        files
            .OfType<ParseResult>()
            .GroupBy(file => file.Root.Span.FilePath, StringComparer.Ordinal)
            .Select(group => group.First())
            .OrderBy(file => file.Root.Span.FilePath, StringComparer.Ordinal)
            .ToEquatableArray();

    public static EquatableArray<SourceFile> ReadAll(ImmutableArray<AdditionalText> texts, CancellationToken cancellationToken) =>
        ToSet(texts.Where(IsModelFile).Select(text => Read(text, cancellationToken)));
}
