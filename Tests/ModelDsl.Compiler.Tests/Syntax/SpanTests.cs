using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;
using Xunit;
using static ModelDsl.Compiler.Tests.Syntax.SyntaxTestHelpers;

namespace ModelDsl.Compiler.Tests.Syntax;

/// <summary>Spans: 1-based lines and columns, exclusive end column, no surrounding trivia, LF and CRLF alike.</summary>
public sealed class SpanTests
{
    private const string Source = "// header\nmodel M {\n    input image: float[1, 28, 28]\n    dense(10, activation: relu) as out  // trailing\n}\n";

    [Fact]
    public void Node_spans_cover_exactly_their_text()
    {
        var model = Single<ModelDeclarationSyntax>(ParseClean(Source));
        Assert.Equal("model M {\n    input image: float[1, 28, 28]\n    dense(10, activation: relu) as out  // trailing\n}", TextOf(Source, model.Span));
        Assert.Equal("M", TextOf(Source, model.Name.Span));
        Assert.Equal("input image: float[1, 28, 28]", TextOf(Source, model.Inputs[0].Span));
        var dense = (LayerCallSyntax)model.Body[0];
        Assert.Equal("dense(10, activation: relu) as out", TextOf(Source, dense.Span));
        Assert.Equal("activation: relu", TextOf(Source, dense.Arguments[1].Span));
        Assert.Equal("relu", TextOf(Source, dense.Arguments[1].Value.Span));
        Assert.Equal("out", TextOf(Source, dense.Alias!.Span));
    }

    [Fact]
    public void Lines_and_columns_are_one_based_with_an_exclusive_end()
    {
        var model = Single<ModelDeclarationSyntax>(ParseClean(Source));
        var dense = model.Body[0].Span;
        Assert.Equal(Test(4, 5, 4, 39), (dense.Line, dense.Column, dense.EndLine, dense.EndColumn));
        Assert.Equal(Test(2, 1, 5, 2), (model.Span.Line, model.Span.Column, model.Span.EndLine, model.Span.EndColumn));
        Assert.Equal(FilePath, dense.FilePath);
    }

    [Fact]
    public void Crlf_line_endings_give_the_same_lines_and_columns()
    {
        var crlfSource = Source.Replace("\n", "\r\n");
        var model = Single<ModelDeclarationSyntax>(ParseClean(crlfSource));
        var dense = model.Body[0].Span;
        Assert.Equal(Test(4, 5, 4, 39), (dense.Line, dense.Column, dense.EndLine, dense.EndColumn));
        Assert.Equal("dense(10, activation: relu) as out", TextOf(crlfSource, dense));
    }

    [Fact]
    public void Expression_spans_include_signs_and_parentheses_of_tuples()
    {
        const string text = "train T { a: -1e-4, b: (3, 3), c: x.y, d: f(1) * (2 + 3) }";
        var items = Single<TrainDeclarationSyntax>(ParseClean(text)).Items.Cast<SettingSyntax>().ToList();
        Assert.Equal(new[] { "-1e-4", "(3, 3)", "x.y", "f(1) * (2 + 3)" }, items.Select(s => TextOf(text, s.Value.Span)));
        Assert.Equal("a: -1e-4", TextOf(text, items[0].Span));
    }

    [Fact]
    public void Diagnostics_carry_the_file_path_and_print_like_compiler_errors()
    {
        var result = Parse("model M {\n  dense(10 relu)\n}");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("test.model(2,12): error MD1001: expected ')' or ',' but found 'relu'; separate arguments with ','", diagnostic.ToString());
        Assert.Equal(Test(2, 12, 2, 16), (diagnostic.Span.Line, diagnostic.Span.Column, diagnostic.Span.EndLine, diagnostic.Span.EndColumn));
    }

    private static (int, int, int, int) Test(int line, int column, int endLine, int endColumn) => (line, column, endLine, endColumn);
}
