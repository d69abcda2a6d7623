namespace ModelDsl.Compiler.Diagnostics;

/// <summary>
/// A range of characters in one <c>.model</c> file. Lines and columns are 1-based, as compilers print them;
/// <see cref="Start"/> is the 0-based character offset and <see cref="Length"/> the number of characters.
/// </summary>
public sealed record SourceSpan(string FilePath, int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>A span for diagnostics that belong to a file as a whole (an unreadable import, say).</summary>
    public static SourceSpan FileStart(string filePath) => new(filePath, 0, 0, 1, 1, 1, 1);

    /// <summary>The smallest span covering both <paramref name="first"/> and <paramref name="last"/> (same file).</summary>
    public static SourceSpan Cover(SourceSpan first, SourceSpan last) =>
        new(first.FilePath, first.Start, last.Start + last.Length - first.Start, first.Line, first.Column, last.EndLine, last.EndColumn);

    public override string ToString() => $"{FilePath}({Line},{Column})";
}
