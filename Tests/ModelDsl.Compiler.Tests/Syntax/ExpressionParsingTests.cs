using System.Linq;
using ModelDsl.Compiler.Syntax;
using Xunit;
using static ModelDsl.Compiler.Tests.Syntax.SyntaxTestHelpers;

namespace ModelDsl.Compiler.Tests.Syntax;

/// <summary>Expressions, parsed as the value of a train setting (<c>train T { v: EXPR }</c>).</summary>
public sealed class ExpressionParsingTests
{
    private static ExpressionSyntax ParseExpression(string expression)
    {
        var train = Single<TrainDeclarationSyntax>(ParseClean("train T { v: " + expression + " }"));
        return Assert.IsType<SettingSyntax>(Assert.Single(train.Items)).Value;
    }

    [Theory]
    [InlineData("512", 512)]
    [InlineData("0", 0)]
    [InlineData("-1", -1)]
    [InlineData("2147483647", int.MaxValue)]
    public void Integers_are_integer_literals(string text, int value) =>
        Assert.Equal(value, Assert.IsType<IntegerLiteralSyntax>(ParseExpression(text)).Value);

    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData("1e-4", 1e-4)]
    [InlineData("2E3", 2000.0)]
    [InlineData("1.5e+2", 150.0)]
    [InlineData("0.0", 0.0)]
    [InlineData("-0.25", -0.25)]
    public void Fractions_and_exponents_are_float_literals_keeping_their_text(string text, double value)
    {
        var literal = Assert.IsType<FloatLiteralSyntax>(ParseExpression(text));
        Assert.Equal(value, literal.Value);
        Assert.Equal(text, literal.Text);
    }

    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("\"a\\\\b\"", "a\\b")]
    [InlineData("\"\"", "")]
    [InlineData("\"checkpoints/mnist-{epoch:02}.ckpt\"", "checkpoints/mnist-{epoch:02}.ckpt")]
    public void Strings_resolve_their_escapes(string text, string value) =>
        Assert.Equal(value, Assert.IsType<StringLiteralSyntax>(ParseExpression(text)).Value);

    [Fact]
    public void Booleans_and_bare_names()
    {
        Assert.True(Assert.IsType<BooleanLiteralSyntax>(ParseExpression("true")).Value);
        Assert.False(Assert.IsType<BooleanLiteralSyntax>(ParseExpression("false")).Value);
        Assert.Equal("val_loss", Assert.IsType<NameExpressionSyntax>(ParseExpression("val_loss")).Name);
        Assert.Equal("true_positives", Assert.IsType<NameExpressionSyntax>(ParseExpression("true_positives")).Name);
        Assert.Equal("stem", Assert.IsType<NameExpressionSyntax>(ParseExpression("stem")).Name);
    }

    [Fact]
    public void Multiplication_binds_tighter_than_addition_and_operators_are_left_associative()
    {
        // a - b * c + d % e  ==  (a - (b * c)) + (d % e)
        var sum = Assert.IsType<BinaryExpressionSyntax>(ParseExpression("a - b * c + d % e"));
        Assert.Equal(BinaryOperator.Add, sum.Operator);
        var difference = Assert.IsType<BinaryExpressionSyntax>(sum.Left);
        Assert.Equal(BinaryOperator.Subtract, difference.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinaryExpressionSyntax>(difference.Right).Operator);
        Assert.Equal(BinaryOperator.Modulo, Assert.IsType<BinaryExpressionSyntax>(sum.Right).Operator);

        var quotient = Assert.IsType<BinaryExpressionSyntax>(ParseExpression("a / b / c"));
        Assert.Equal(BinaryOperator.Divide, quotient.Operator);
        Assert.Equal("c", Assert.IsType<NameExpressionSyntax>(quotient.Right).Name);
        Assert.IsType<BinaryExpressionSyntax>(quotient.Left);
    }

    [Fact]
    public void Parentheses_group_and_unary_minus_negates()
    {
        var product = Assert.IsType<BinaryExpressionSyntax>(ParseExpression("(a + 1) * -b"));
        Assert.Equal(BinaryOperator.Multiply, product.Operator);
        Assert.Equal(BinaryOperator.Add, Assert.IsType<BinaryExpressionSyntax>(product.Left).Operator);
        Assert.Equal("b", Assert.IsType<NameExpressionSyntax>(Assert.IsType<NegateExpressionSyntax>(product.Right).Operand).Name);

        var doubleNegative = Assert.IsType<NegateExpressionSyntax>(ParseExpression("- -3"));
        Assert.Equal(-3, Assert.IsType<IntegerLiteralSyntax>(doubleNegative.Operand).Value);
    }

    [Fact]
    public void Calls_take_positional_then_named_arguments_and_nest()
    {
        var ceil = Assert.IsType<CallExpressionSyntax>(ParseExpression("ceil(a / b)"));
        Assert.Equal("ceil", ceil.Callee.Name);
        Assert.IsType<BinaryExpressionSyntax>(Assert.Single(ceil.Arguments).Value);
        Assert.False(ceil.Arguments[0].IsNamed);

        var warmup = Assert.IsType<CallExpressionSyntax>(ParseExpression("warmup(2, then: cosine())"));
        Assert.Equal(2, Assert.IsType<IntegerLiteralSyntax>(warmup.Arguments[0].Value).Value);
        Assert.Equal("then", warmup.Arguments[1].Name!.Name);
        var cosine = Assert.IsType<CallExpressionSyntax>(warmup.Arguments[1].Value);
        Assert.Empty(cosine.Arguments);

        var trailingComma = Assert.IsType<CallExpressionSyntax>(ParseExpression("adam(lr: 0.001,)"));
        Assert.Single(trailingComma.Arguments);
    }

    [Fact]
    public void Tuples_lists_and_maps()
    {
        var tuple = Assert.IsType<TupleExpressionSyntax>(ParseExpression("(3, 3)"));
        Assert.Equal(new[] { 3, 3 }, tuple.Elements.Select(e => ((IntegerLiteralSyntax)e).Value));

        var list = Assert.IsType<ListExpressionSyntax>(ParseExpression("[accuracy, top_k(5)]"));
        Assert.IsType<NameExpressionSyntax>(list.Elements[0]);
        Assert.Equal("top_k", Assert.IsType<CallExpressionSyntax>(list.Elements[1]).Callee.Name);
        Assert.Empty(Assert.IsType<ListExpressionSyntax>(ParseExpression("[]")).Elements);

        var map = Assert.IsType<MapExpressionSyntax>(ParseExpression("{ age: categorical_crossentropy, gender: binary_crossentropy }"));
        Assert.Equal(new[] { "age", "gender" }, map.Entries.Select(e => e.Key.Name));
        Assert.Equal("binary_crossentropy", Assert.IsType<NameExpressionSyntax>(map.Entries[1].Value).Name);

        // Entries may also be separated by newlines only.
        var multiline = Assert.IsType<MapExpressionSyntax>(ParseExpression("{\n  age: 1.0\n  gender: 0.5\n}"));
        Assert.Equal(2, multiline.Entries.Count);
    }

    [Fact]
    public void Dotted_paths_are_member_access()
    {
        var access = Assert.IsType<MemberAccessExpressionSyntax>(ParseExpression("learner.residual_group_1.bottleneck_0"));
        Assert.Equal("bottleneck_0", access.Member.Name);
        var inner = Assert.IsType<MemberAccessExpressionSyntax>(access.Target);
        Assert.Equal("residual_group_1", inner.Member.Name);
        Assert.Equal("learner", Assert.IsType<NameExpressionSyntax>(inner.Target).Name);
    }

    [Fact]
    public void Comments_may_stand_between_any_tokens()
    {
        var call = Assert.IsType<CallExpressionSyntax>(ParseExpression("f( /* a */ 1 , // b\n x: /* c */ 2 ) "));
        Assert.Equal(2, call.Arguments.Count);
        Assert.Equal("x", call.Arguments[1].Name!.Name);
    }
}
