using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;
using Xunit;

namespace ModelDsl.Compiler.Tests.Syntax;

/// <summary>Parsing helpers shared by the syntax tests.</summary>
internal static class SyntaxTestHelpers
{
    public const string FilePath = "test.model";

    public static ParseResult Parse(string text) => ModelParser.Parse(new SourceFile(FilePath, text));

    /// <summary>Parses text that must be free of diagnostics (the message lists them when it is not).</summary>
    public static ModelFileSyntax ParseClean(string text)
    {
        var result = Parse(text);
        Assert.True(result.Diagnostics.IsEmpty, "unexpected diagnostics:\n" + string.Join("\n", result.Diagnostics));
        return result.Root;
    }

    public static T Single<T>(ModelFileSyntax root)
        where T : DeclarationSyntax => Assert.IsType<T>(Assert.Single(root.Declarations));

    /// <summary>The text a span covers.</summary>
    public static string TextOf(string text, SourceSpan span) => text.Substring(span.Start, span.Length);

    /// <summary>Asserts exactly the given diagnostic IDs, in order.</summary>
    public static void AssertIds(ParseResult result, params string[] ids) =>
        Assert.True(ids.SequenceEqual(result.Diagnostics.Select(d => d.Id)), "diagnostics were:\n" + string.Join("\n", result.Diagnostics));
}
