using ModelDsl.Compiler.Emit;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

public sealed class CSharpLiteralsTests
{
    [Theory]
    [InlineData("checkpoints/mnist-{epoch:02}.ckpt", "\"checkpoints/mnist-{epoch:02}.ckpt\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("C:\\data", "\"C:\\\\data\"")]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    [InlineData("\u2028", "\"\\u2028\"")]
    [InlineData("é", "\"\\u00E9\"")]
    [InlineData("\u202E", "\"\\u202E\"")]
    public void Strings_escape_everything_outside_printable_ascii(string value, string expected) =>
        Assert.Equal(expected, CSharpLiterals.String(value));

    [Theory]
    [InlineData(0.001, "0.001")]
    [InlineData(1e-5, "1E-05")]
    [InlineData(2.0, "2.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(-3.0, "-3.0")]
    [InlineData(double.NaN, "double.NaN")]
    [InlineData(double.PositiveInfinity, "double.PositiveInfinity")]
    public void Doubles_round_trip(double value, string expected) => Assert.Equal(expected, CSharpLiterals.Double(value));

    [Fact]
    public void Integers_and_booleans()
    {
        Assert.Equal("512", CSharpLiterals.Long(512));
        Assert.Equal("long.MinValue", CSharpLiterals.Long(long.MinValue));
        Assert.Equal("-7", CSharpLiterals.Int(-7));
        Assert.Equal("true", CSharpLiterals.Bool(true));
        Assert.Equal("0.5f", CSharpLiterals.Float(0.5f));
    }

    [Theory]
    [InlineData("a\nSystem.Exit();", "a System.Exit();")]
    [InlineData("a\u2028b", "a b")]
    [InlineData("a\u0085b", "a b")]
    [InlineData("a\u202Eb", "a b")]
    public void Comments_cannot_end_early(string text, string expected) => Assert.Equal(expected, CSharpLiterals.CommentText(text));

    [Fact]
    public void Xml_doc_text_escapes_markup() =>
        Assert.Equal("a &lt;b&gt; &amp; c", CSharpLiterals.XmlDocText("a <b> & c"));
}
