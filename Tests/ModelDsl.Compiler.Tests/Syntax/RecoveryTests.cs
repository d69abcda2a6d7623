using System.Linq;
using ModelDsl.Compiler.Syntax;
using Xunit;
using static ModelDsl.Compiler.Tests.Syntax.SyntaxTestHelpers;

namespace ModelDsl.Compiler.Tests.Syntax;

/// <summary>One error never hides the independent errors after it, and is reported once.</summary>
public sealed class RecoveryTests
{
    [Fact]
    public void Independent_errors_in_several_declarations_are_all_reported_once()
    {
        const string source = """
            block b(filters: int {
                relu()
            }

            model A {
                input image: float[1, 28, 28]
                conv2d(64 kernel: 3)
                dense(10, @)
                relu()
            }

            modle Typo {
                relu()
            }

            model B {
                dense(1e)
            }

            train A {
                epochs 10
                batch_size: 32
            }
            """;
        var result = Parse(source);
        Assert.Equal(
            new[] { "MD1001", "MD1001", "MD1005", "MD1008", "MD1004", "MD1001" },
            result.Diagnostics.Select(d => d.Id));
        Assert.Equal(new[] { 1, 7, 8, 12, 17, 21 }, result.Diagnostics.Select(d => d.Span.Line));

        // The block header is broken, so the block is skipped; the others are kept, marked as having errors.
        Assert.Equal(new[] { "A", "B", "A" }, result.Root.Declarations.Select(d => d switch
        {
            ModelDeclarationSyntax model => model.Name.Name,
            TrainDeclarationSyntax train => train.Model.Name,
            _ => "?",
        }));
        Assert.All(result.Root.Declarations, d => Assert.True(d.HasErrors));
    }

    [Fact]
    public void A_broken_statement_keeps_the_statements_around_it()
    {
        var result = Parse("model M {\n  flatten()\n  dense(512 activation: relu)\n  dropout(0.5)\n  dense(10, activation: softmax)\n}");
        var model = Assert.IsType<ModelDeclarationSyntax>(Assert.Single(result.Root.Declarations));
        Assert.True(model.HasErrors);
        Assert.Single(result.Diagnostics);
        Assert.Equal(new[] { "flatten", "(skipped)", "dropout", "dense" }, model.Body.Select(s => s is LayerCallSyntax call ? call.Name.Name : "(skipped)"));
        var skipped = Assert.IsType<SkippedStatementSyntax>(model.Body[1]);
        Assert.Equal((3, 3), (skipped.Span.Line, skipped.Span.Column));
    }

    [Fact]
    public void A_skipped_let_or_output_keeps_the_name_it_declared()
    {
        var result = Parse("model M {\n  input image: float[4]\n  let side = image |> dense(4 |> relu()\n  output y = side |> dense(2)\n}");
        var model = Assert.IsType<ModelDeclarationSyntax>(Assert.Single(result.Root.Declarations));
        var skipped = Assert.IsType<SkippedStatementSyntax>(model.Body[0]);
        Assert.Equal(("let", "side"), (skipped.Keyword, skipped.DeclaredName?.Name));
        Assert.IsType<OutputStatementSyntax>(model.Body[1]);
    }

    [Fact]
    public void A_missing_close_brace_is_reported_at_the_opening_brace_and_the_next_declaration_still_parses()
    {
        const string source = "model A {\n  relu()\n\nmodel B {\n  relu()\n}\n";
        var result = Parse(source);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MD1007", diagnostic.Id);
        Assert.Equal((1, 9), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Equal(2, result.Root.Declarations.Count);
        Assert.True(result.Root.Declarations[0].HasErrors);
        Assert.False(result.Root.Declarations[1].HasErrors);
    }

    [Fact]
    public void An_unclosed_call_stops_at_the_body_end_without_cascading()
    {
        var result = Parse("model A { stem { conv2d(64, kernel: 7 } relu() }\nmodel B { relu() }");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MD1001", diagnostic.Id);
        Assert.Contains("expected ')' or ','", diagnostic.Message, System.StringComparison.Ordinal);
        var model = (ModelDeclarationSyntax)result.Root.Declarations[0];
        Assert.Equal(2, model.Body.Count);
        Assert.Equal(2, result.Root.Declarations.Count);
    }

    [Fact]
    public void Errors_inside_sections_stages_and_data_are_recovered_locally()
    {
        const string source = """
            model M {
                stem { conv2d(64, kernel: ) relu() }
                task { dense(10) }
            }
            train M {
                stage head { epochs: , freeze: [stem] }
                data { train: idx(images: "a" labels: "b")
                       normalize: scale(255) }
                epochs: 3
            }
            """;
        var result = Parse(source);
        Assert.Equal(new[] { 2, 6, 7 }, result.Diagnostics.Select(d => d.Span.Line));
        var model = (ModelDeclarationSyntax)result.Root.Declarations[0];
        Assert.Equal(2, model.Body.Count);
        var train = (TrainDeclarationSyntax)result.Root.Declarations[1];
        Assert.Equal("epochs", train.Items.OfType<SettingSyntax>().Single().Key.Name);
        var data = train.Items.OfType<DataSyntax>().Single();
        Assert.Equal("normalize", data.Items.OfType<SettingSyntax>().Single().Key.Name);
    }

    [Fact]
    public void Soft_errors_keep_the_node_and_mark_the_declaration()
    {
        var result = Parse("model M {\n  let model = x |> relu()\n  add(model)\n}\nmodel N { relu() }");
        Assert.Equal("MD1006", Assert.Single(result.Diagnostics).Id);
        var model = (ModelDeclarationSyntax)result.Root.Declarations[0];
        Assert.Equal(2, model.Body.Count);
        Assert.True(model.HasErrors);
        Assert.False(result.Root.Declarations[1].HasErrors);
    }

    [Fact]
    public void Garbage_between_declarations_is_one_error_per_run()
    {
        var result = Parse("model A { relu() }\n@@@ ### $$$\n%%% more garbage\nmodel B { relu() }\n");
        Assert.Equal("MD1005", Assert.Single(result.Diagnostics).Id);
        Assert.Equal(2, result.Root.Declarations.Count);
    }

    [Fact]
    public void Commented_out_declarations_do_not_resynchronise_recovery()
    {
        var result = Parse("modle A {\n  relu()\n/*\nmodel Hidden { }\n*/\n}\nmodel B { relu() }");
        Assert.Equal("MD1008", Assert.Single(result.Diagnostics).Id);
        var model = Assert.IsType<ModelDeclarationSyntax>(Assert.Single(result.Root.Declarations));
        Assert.Equal("B", model.Name.Name);
    }

    [Fact]
    public void A_call_left_open_at_the_end_of_a_line_suggests_closing_it_there()
    {
        var result = Parse("model M {\n  dense(10, activation: relu\n  relu()\n}");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("expected ')' or ',' but found 'relu'; add ')' at the end of the previous line", diagnostic.Message);
        Assert.Equal(3, diagnostic.Span.Line);
    }

    [Fact]
    public void An_unterminated_string_is_the_only_error_for_its_line()
    {
        var result = Parse("model M {\n  dense(10, name: \"abc)\n  relu()\n  dense(2)\n}");
        Assert.Equal("MD1002", Assert.Single(result.Diagnostics).Id);
        Assert.Equal("dense", ((LayerCallSyntax)((ModelDeclarationSyntax)result.Root.Declarations[0]).Body.Last()).Name.Name);
    }

    [Fact]
    public void An_unterminated_comment_does_not_also_report_the_braces_it_swallowed()
    {
        var result = Parse("model M {\n  stem { relu() /* oops }\n}\n");
        Assert.Equal("MD1003", Assert.Single(result.Diagnostics).Id);
        Assert.True(result.Root.Declarations[0].HasErrors);
    }

    [Fact]
    public void A_pipeline_written_as_a_call_is_read_as_applied_to_the_current_tensor()
    {
        var result = Parse("model M {\n  input a: float[4]\n  let h = dense(8) |> relu()\n}");
        Assert.Equal("MD1017", Assert.Single(result.Diagnostics).Id);
        var let = Assert.IsType<LetStatementSyntax>(((ModelDeclarationSyntax)result.Root.Declarations[0]).Body[0]);
        Assert.True(let.Value.IsCurrentTensor);
        Assert.Equal(new[] { "dense", "relu" }, let.Value.Steps.Select(s => s.Name.Name));
    }
}
