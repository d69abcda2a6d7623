using System.Linq;
using ModelDsl.Compiler.Syntax;
using Xunit;
using static ModelDsl.Compiler.Tests.Syntax.SyntaxTestHelpers;

namespace ModelDsl.Compiler.Tests.Syntax;

/// <summary>Every declaration and statement form, and the layout rules (comments, one-line bodies, commas).</summary>
public sealed class DeclarationParsingTests
{
    [Fact]
    public void Empty_file_and_comment_only_file_are_valid()
    {
        Assert.Empty(ParseClean("").Declarations);
        var root = ParseClean("// nothing here\n/* still\nnothing */\n");
        Assert.Null(root.Namespace);
        Assert.Empty(root.Imports);
        Assert.Empty(root.Declarations);
    }

    [Fact]
    public void Namespace_and_imports()
    {
        var root = ParseClean("namespace Acme.Vision.Models\nimport \"a.model\"\nimport \"dir/b.model\"\n");
        Assert.Equal("Acme.Vision.Models", root.Namespace!.Name);
        Assert.Equal(3, root.Namespace.Parts.Count);
        Assert.Equal(new[] { "a.model", "dir/b.model" }, root.Imports.Select(i => i.Path.Value));
    }

    [Fact]
    public void Declarations_keep_source_order()
    {
        var root = ParseClean("model M { relu() }\nblock b() { relu() }\ntrain M { epochs: 1 }\ngroup g(n) { b() }\n");
        Assert.Equal(
            new[] { typeof(ModelDeclarationSyntax), typeof(BlockDeclarationSyntax), typeof(TrainDeclarationSyntax), typeof(GroupDeclarationSyntax) },
            root.Declarations.Select(d => d.GetType()));
    }

    [Fact]
    public void Parameters_have_optional_types_and_defaults()
    {
        var block = Single<BlockDeclarationSyntax>(ParseClean(
            "block b(filters, rate: float = 0.5, act: activation = relu, pad: padding = same, bias: bool = false, n = 2 * 3) { relu() }"));
        var parameters = block.Parameters;
        Assert.Equal(new[] { "filters", "rate", "act", "pad", "bias", "n" }, parameters.Select(p => p.Name.Name));
        Assert.Null(parameters[0].Type);
        Assert.Null(parameters[0].Default);
        Assert.Equal("float", parameters[1].Type!.Name);
        Assert.Equal(0.5, Assert.IsType<FloatLiteralSyntax>(parameters[1].Default).Value);
        Assert.Equal("relu", Assert.IsType<NameExpressionSyntax>(parameters[2].Default).Name);
        Assert.Equal("padding", parameters[3].Type!.Name);
        Assert.False(Assert.IsType<BooleanLiteralSyntax>(parameters[4].Default).Value);
        Assert.Null(parameters[5].Type);
        Assert.IsType<BinaryExpressionSyntax>(parameters[5].Default);
    }

    [Fact]
    public void Blocks_may_omit_the_parameter_list()
    {
        var block = Single<BlockDeclarationSyntax>(ParseClean("block conv_bn_relu { conv2d(8, kernel: 3) batchnorm() relu() }"));
        Assert.Empty(block.Parameters);
        Assert.Equal(3, block.Body.Count);
    }

    [Fact]
    public void Inputs_take_integer_and_symbolic_dimensions()
    {
        var model = Single<ModelDeclarationSyntax>(ParseClean("model M {\n  input image: float[3, H, W]\n  input meta: float[10]\n  relu()\n}"));
        Assert.Equal(new[] { "image", "meta" }, model.Inputs.Select(i => i.Name.Name));
        var dimensions = model.Inputs[0].Dimensions;
        Assert.Equal(3, Assert.IsType<IntegerLiteralSyntax>(dimensions[0]).Value);
        Assert.Equal("H", Assert.IsType<NameExpressionSyntax>(dimensions[1]).Name);
        Assert.Equal("W", Assert.IsType<NameExpressionSyntax>(dimensions[2]).Name);
        Assert.IsType<LayerCallSyntax>(Assert.Single(model.Body));
    }

    [Fact]
    public void Layer_calls_with_alias_and_pipelines_with_aliased_steps()
    {
        var model = Single<ModelDeclarationSyntax>(ParseClean(
            "model M {\n  input a: float[4]\n  dense(8) as hidden\n  let b = a |> dense(4) as proj |> relu()\n  add(b)\n}"));
        var dense = Assert.IsType<LayerCallSyntax>(model.Body[0]);
        Assert.Equal("hidden", dense.Alias!.Name);
        var let = Assert.IsType<LetStatementSyntax>(model.Body[1]);
        Assert.Equal("a", let.Value.Source.Name);
        Assert.False(let.Value.IsCurrentTensor);
        Assert.Equal("proj", let.Value.Steps[0].Alias!.Name);
        Assert.Null(let.Value.Steps[1].Alias);
        Assert.Equal("b", Assert.IsType<NameExpressionSyntax>(Assert.IsType<LayerCallSyntax>(model.Body[2]).Arguments[0].Value).Name);
    }

    [Fact]
    public void Positional_and_named_arguments_are_kept_in_order_and_split_on_demand()
    {
        var model = Single<ModelDeclarationSyntax>(ParseClean("model M { concat(a, b, axis: 0) }"));
        var concat = Assert.IsType<LayerCallSyntax>(Assert.Single(model.Body));
        Assert.Equal(3, concat.Arguments.Count);
        Assert.Equal(2, concat.PositionalArguments.Count);
        Assert.Equal("axis", Assert.Single(concat.NamedArguments).Name!.Name);
    }

    [Fact]
    public void Statements_may_share_a_line_or_span_several()
    {
        var model = Single<ModelDeclarationSyntax>(ParseClean(
            "model M { stem { zeropad2d(3) conv2d(64, kernel: 7, stride: 2) batchnorm() }\n  dense(\n    10,\n    activation: softmax\n  ) }"));
        var stem = Assert.IsType<SectionStatementSyntax>(model.Body[0]);
        Assert.Equal(new[] { "zeropad2d", "conv2d", "batchnorm" }, stem.Body.Select(s => ((LayerCallSyntax)s).Name.Name));
        Assert.Equal(2, Assert.IsType<LayerCallSyntax>(model.Body[1]).Arguments.Count);
    }

    [Fact]
    public void Repeat_nests_and_takes_an_integer_expression()
    {
        var group = Single<GroupDeclarationSyntax>(ParseClean("group g(n: int) { repeat (n - 1) * 2 { repeat 2 { b() } c() } }"));
        var outer = Assert.IsType<RepeatStatementSyntax>(Assert.Single(group.Body));
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinaryExpressionSyntax>(outer.Count).Operator);
        Assert.IsType<RepeatStatementSyntax>(outer.Body[0]);
        Assert.IsType<LayerCallSyntax>(outer.Body[1]);
    }

    [Fact]
    public void Outputs_and_sections_in_a_multi_task_model()
    {
        var model = Single<ModelDeclarationSyntax>(ParseClean(
            "model M {\n input m: float[3]\n learner { dense(10) }\n task { let t = x\n output a = t |> dense(5)\n output b = x }\n}"));
        var task = Assert.IsType<SectionStatementSyntax>(model.Body[1]);
        Assert.Equal(SectionKind.Task, task.Kind);
        var outputs = task.Body.OfType<OutputStatementSyntax>().ToList();
        Assert.Equal(new[] { "a", "b" }, outputs.Select(o => o.Name.Name));
        Assert.True(outputs[1].Value.IsCurrentTensor);
    }

    [Fact]
    public void Train_items_may_be_separated_by_commas_or_newlines_and_keys_may_be_keywords()
    {
        var train = Single<TrainDeclarationSyntax>(ParseClean(
            "train M { epochs: 2, batch_size: 8\n stage warm { epochs: 1, optimizer: sgd(lr: 0.1) early_stopping(patience: 1) }\n data { train: idx(images: \"a\", labels: \"b\"), validation: csv(\"v.csv\") augment { flip(horizontal: true), zoom(0.9, 1.1) } } }"));
        Assert.Equal(new[] { "epochs", "batch_size" }, train.Items.OfType<SettingSyntax>().Select(s => s.Key.Name));
        var stage = Assert.Single(train.Items.OfType<StageSyntax>());
        Assert.Equal(2, stage.Items.OfType<SettingSyntax>().Count());
        Assert.Equal("early_stopping", Assert.Single(stage.Items.OfType<TrainCallSyntax>()).Call.Callee.Name);
        var data = Assert.Single(train.Items.OfType<DataSyntax>());
        Assert.Equal(new[] { "train", "validation" }, data.Items.OfType<SettingSyntax>().Select(s => s.Key.Name));
        Assert.Equal(2, Assert.Single(data.Items.OfType<AugmentSyntax>()).Transforms.Count);
    }

    [Fact]
    public void Keywords_are_ordinary_values_where_unambiguous()
    {
        var train = Single<TrainDeclarationSyntax>(ParseClean("train M { freeze: [stem, learner, task], data: x }"));
        var freeze = Assert.IsType<ListExpressionSyntax>(((SettingSyntax)train.Items[0]).Value);
        Assert.Equal(new[] { "stem", "learner", "task" }, freeze.Elements.Select(e => ((NameExpressionSyntax)e).Name));
        Assert.Equal("data", ((SettingSyntax)train.Items[1]).Key.Name);
    }

    [Fact]
    public void Crlf_and_lf_files_parse_to_the_same_shape()
    {
        var lf = ParseClean(SpecExamplesTests.ResNet50.Replace("\r\n", "\n"));
        var crlf = ParseClean(SpecExamplesTests.ResNet50.Replace("\r\n", "\n").Replace("\n", "\r\n"));
        Assert.Equal(lf.Declarations.Count, crlf.Declarations.Count);
        var lfModel = (ModelDeclarationSyntax)lf.Declarations[3];
        var crlfModel = (ModelDeclarationSyntax)crlf.Declarations[3];
        Assert.Equal(lfModel.Name.Span.Line, crlfModel.Name.Span.Line);
        Assert.Equal(lfModel.Name.Span.Column, crlfModel.Name.Span.Column);
    }

    [Fact]
    public void Parsing_is_deterministic_and_value_equal()
    {
        var first = Parse(SpecExamplesTests.ResNet50);
        var second = Parse(SpecExamplesTests.ResNet50);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first.Root, Parse(SpecExamplesTests.ResNet50.Replace("1000", "100")).Root);
    }
}
