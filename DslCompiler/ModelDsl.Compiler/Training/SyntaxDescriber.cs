using System.Globalization;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Training;

/// <summary>Short descriptions of expressions for "expected … but found …" messages, and dotted-path reading.</summary>
internal static class SyntaxDescriber
{
    public static string Describe(ExpressionSyntax expression) => expression switch
    {
        IntegerLiteralSyntax integer => integer.Value.ToString(CultureInfo.InvariantCulture),
        FloatLiteralSyntax number => number.Text,
        StringLiteralSyntax text => "the string \"" + text.Value + "\"",
        BooleanLiteralSyntax flag => flag.Value ? "true" : "false",
        NameExpressionSyntax name => "'" + name.Name + "'",
        MemberAccessExpressionSyntax member => "'" + (DottedPath(member) ?? "…") + "'",
        CallExpressionSyntax call => "the call " + call.Callee.Name + "(…)",
        ListExpressionSyntax => "a list",
        TupleExpressionSyntax => "a tuple",
        MapExpressionSyntax => "a map",
        _ => "an expression",
    };

    /// <summary><c>learner.residual_group_0</c> for a name or member access over names; null for anything else.</summary>
    public static string? DottedPath(ExpressionSyntax expression) => expression switch
    {
        NameExpressionSyntax name => name.Name,
        MemberAccessExpressionSyntax member => DottedPath(member.Target) is { } target ? target + "." + member.Member.Name : null,
        _ => null,
    };

    /// <summary>The numeric value of a literal, or null.</summary>
    public static double? Number(ExpressionSyntax expression) => expression switch
    {
        IntegerLiteralSyntax integer => integer.Value,
        FloatLiteralSyntax number => number.Value,
        _ => null,
    };

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
