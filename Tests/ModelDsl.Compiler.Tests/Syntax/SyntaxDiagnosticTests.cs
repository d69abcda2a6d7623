using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;
using Xunit;
using static ModelDsl.Compiler.Tests.Syntax.SyntaxTestHelpers;

namespace ModelDsl.Compiler.Tests.Syntax;

/// <summary>Each MD1xxx diagnostic: the input that triggers it, where it points and what it says.</summary>
public sealed class SyntaxDiagnosticTests
{
    [Theory]
    // id, source, expected text under the span, a fragment of the message
    [InlineData("MD1001", "model M {\n  conv2d(64 kernel: 3)\n}", "kernel", "expected ')' or ',' but found 'kernel'; separate arguments with ','")]
    [InlineData("MD1001", "model M {\n  flatten\n  relu()\n}", "relu", "expected '(' but found 'relu'; a layer call needs parentheses")]
    [InlineData("MD1001", "model M {\n  trunk = x\n}", "=", "expected '(' but found '='; to name a tensor write 'let NAME = PIPELINE'")]
    [InlineData("MD1001", "model M {\n  epochs: 3\n}", ":", "'key: value' settings belong in a train declaration")]
    [InlineData("MD1001", "model M {\n  dense(10) as\n  relu()\n}", "relu", "expected a name after 'as' but found 'relu'")]
    [InlineData("MD1001", "model M {\n  let = x\n}", "=", "expected a name for the tensor but found '='")]
    [InlineData("MD1001", "model M {\n  repeat { relu() }\n}", "{", "expected a repeat count (an integer expression) but found '{'")]
    [InlineData("MD1001", "train T {\n  epochs 10\n}", "10", "expected ':' or '(' but found '10'")]
    [InlineData("MD1001", "model M(x: int) {\n}", "(", "expected '{' but found '('; only blocks and groups take parameters")]
    [InlineData("MD1001", "model M {\n  input a: float[3, ]\n  dense(1, activation: )\n}", ")", "expected an expression but found ')'")]
    [InlineData("MD1002", "model M {\n  let s = \"abc\n}", "\"abc", "unterminated string")]
    [InlineData("MD1002", "import \"a.model", "\"a.model", "add '\"'")]
    [InlineData("MD1003", "model M { relu() }\n/* never closed\nmodel N { }", "/*", "expected '*/' but found the end of the file")]
    [InlineData("MD1004", "model M {\n  conv2d(1e, kernel: 3)\n}", "1e", "'1e' is not a valid number")]
    [InlineData("MD1004", "model M {\n  dense(99999999999)\n}", "99999999999", "an integer must be at most 2147483647")]
    [InlineData("MD1004", "model M {\n  dense(12units)\n}", "12units", "not a valid number")]
    [InlineData("MD1005", "model M {\n  dense(10, @)\n}", "@", "invalid character '@' (U+0040): expected an expression or ')'")]
    [InlineData("MD1005", "model M {\n  dense(10) # comment\n}", "#", "invalid character '#'")]
    [InlineData("MD1006", "model M {\n  let input = x\n}", "input", "expected a name for the tensor but found the keyword 'input'")]
    [InlineData("MD1006", "block model(n: int) { relu() }", "model", "choose another name, such as 'model_'")]
    [InlineData("MD1007", "model M {\n  relu()\n", "{", "the '{' of model 'M' is never closed: expected '}' but found the end of the file")]
    [InlineData("MD1007", "model M {\n  relu()\nmodel N { relu() }", "{", "but found the start of a new declaration")]
    [InlineData("MD1008", "modle M { relu() }", "modle", "expected a declaration (namespace, import, block, group, model or train) but found 'modle'; did you mean 'model'?")]
    [InlineData("MD1008", "42", "42", "expected a declaration")]
    [InlineData("MD1009", "model M { relu() }\n}", "}", "'}', which closes nothing")]
    [InlineData("MD1010", "import \"a\\nb.model\"", "\\n", "invalid escape sequence '\\n'")]
    [InlineData("MD1011", "block b() {\n  stem { relu() }\n}", "stem", "section 'stem' is not allowed inside block 'b'")]
    [InlineData("MD1011", "model M {\n  stem { task { relu() } }\n}", "task", "section 'task' is not allowed inside section 'stem'")]
    [InlineData("MD1012", "block b() {\n  input a: float[3]\n}", "input a: float[3]", "input 'a' is declared inside block 'b'")]
    [InlineData("MD1012", "model M {\n  relu()\n  input a: float[3]\n}", "input a: float[3]", "after the model's first statement")]
    [InlineData("MD1013", "model M {\n  conv2d(kernel: 3, 64)\n}", "64", "expected a named argument after 'kernel:' but found a positional one")]
    [InlineData("MD1014", "namespace A\nnamespace B\n", "namespace B", "already declares namespace 'A' at (1,1)")]
    [InlineData("MD1016", "train T {\n  augment { flip() }\n}", "augment", "'augment' is not allowed here: expected it inside data { }")]
    [InlineData("MD1016", "train T {\n  stage a { stage b { epochs: 1 } }\n}", "stage", "'stage' is not allowed here: expected it directly inside a train declaration")]
    [InlineData("MD1016", "train T {\n  data { data { } }\n}", "data", "'data' is not allowed here")]
    [InlineData("MD1017", "model M {\n  let a = conv2d(8, kernel: 1)\n}", "conv2d(8, kernel: 1)", "write 'x |> conv2d(...)'")]
    [InlineData("MD1040", "model M {\n  dense(--------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------k)\n}", "--------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------k", "expression nested deeper than 256 levels")]
    [InlineData("MD1041", "model Mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm { relu() }", "Mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm", "name is 130 characters long; names are at most 128 characters")]
    public void Reports_the_diagnostic_at_the_offending_text(string id, string source, string spanText, string messageFragment)
    {
        var result = Parse(source);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(spanText, TextOf(source, diagnostic.Span));
        Assert.Contains(messageFragment, diagnostic.Message, System.StringComparison.Ordinal);
        Assert.True(diagnostic.IsError);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void MD1015_nesting_beyond_the_limit_is_one_error_not_a_crash()
    {
        var source = "model M {\n  f(" + new string('(', 5000) + "1" + new string(')', 5000) + ")\n}\nmodel N { relu() }";
        var result = Parse(source);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MD1015", diagnostic.Id);
        Assert.Contains("at most 64 levels", diagnostic.Message, System.StringComparison.Ordinal);
        Assert.Equal(2, result.Root.Declarations.Count);
        Assert.True(result.Root.Declarations[0].HasErrors);
        Assert.False(result.Root.Declarations[1].HasErrors);
    }

    [Fact]
    public void MD1015_deeply_nested_bodies_are_bounded_too()
    {
        var source = "model M {\n" + string.Concat(Enumerable.Repeat("repeat 1 {\n", 500)) + string.Concat(Enumerable.Repeat("}\n", 500)) + "}\n";
        var result = Parse(source);
        Assert.Equal("MD1015", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Nesting_within_the_limit_is_accepted()
    {
        var source = "model M { f(" + new string('(', 40) + "1" + new string(')', 40) + ") }";
        Assert.Empty(Parse(source).Diagnostics);
    }

    [Fact]
    public void Every_syntax_id_in_the_catalog_is_exercised_by_these_tests()
    {
        var syntaxIds = DiagnosticCatalog.All.Where(d => d.Id.StartsWith("MD10", System.StringComparison.Ordinal)).Select(d => d.Id).ToList();
        var tested = typeof(SyntaxDiagnosticTests).GetMethod(nameof(Reports_the_diagnostic_at_the_offending_text))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).First()[0]).Append("MD1015").ToHashSet();
        Assert.All(syntaxIds, id => Assert.Contains(id, tested));
        Assert.All(syntaxIds, id => Assert.Equal(DiagnosticSeverity.Error, DiagnosticCatalog.All.Single(d => d.Id == id).Severity));
    }
}
