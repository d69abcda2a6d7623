using ModelDsl.Compiler.Emit;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

public sealed class CodeWriterTests
{
    [Fact]
    public void Blocks_indent_and_close_with_lf_line_endings()
    {
        var writer = new CodeWriter();
        using (writer.Block("public sealed class A"))
        {
            writer.Line("private int _x;");
            writer.BlankLine();
            using (writer.Block("public void F()"))
            {
                writer.Line("_x++;");
            }
        }

        Assert.Equal(
            "public sealed class A\n{\n    private int _x;\n\n    public void F()\n    {\n        _x++;\n    }\n}\n",
            writer.ToString());
    }

    [Fact]
    public void Blank_lines_collapse_and_never_follow_an_open_brace_or_precede_a_close()
    {
        var writer = new CodeWriter();
        using (writer.Block("class A"))
        {
            writer.BlankLine();
            writer.Line("int x;");
            writer.BlankLine();
            writer.BlankLine();
            writer.Line("int y;");
            writer.BlankLine();
        }

        Assert.Equal("class A\n{\n    int x;\n\n    int y;\n}\n", writer.ToString());
    }

    [Fact]
    public void A_line_with_a_line_break_is_rejected()
    {
        var writer = new CodeWriter();
        Assert.Throws<System.ArgumentException>(() => writer.Line("a\nb"));
    }

    [Fact]
    public void Empty_lines_have_no_indentation()
    {
        var writer = new CodeWriter();
        using (writer.Block("class A"))
        {
            writer.Line();
        }

        Assert.Equal("class A\n{\n\n}\n", writer.ToString());
    }
}
