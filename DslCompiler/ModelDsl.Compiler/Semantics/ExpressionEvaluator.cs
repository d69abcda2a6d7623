using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// Evaluates argument expressions at expansion time, with the actual values of the enclosing block's parameters.
/// Integer arithmetic: <c>+ - * / %</c> with flooring division (Python semantics, so <c>-7 / 2</c> is -4), parentheses,
/// unary minus and <c>ceil(a / b)</c>. A bare word that is not a parameter stays a <see cref="NameValue"/>; it is
/// meaningful only where an activation or a padding mode is expected. Returns null after reporting an error.
/// </summary>
internal static class ExpressionEvaluator
{
    public static ConstantValue? Evaluate(ExpressionSyntax expression, IReadOnlyDictionary<string, ConstantValue> parameters, DiagnosticBag diagnostics)
    {
        try
        {
            return EvaluateCore(expression, parameters, diagnostics);
        }
        catch (OverflowException)
        {
            diagnostics.Add(DiagnosticCatalog.InvalidExpressionAt(expression.Span, "an integer overflow"));
            return null;
        }
    }

    private static ConstantValue? EvaluateCore(ExpressionSyntax expression, IReadOnlyDictionary<string, ConstantValue> parameters, DiagnosticBag diagnostics)
    {
        switch (expression)
        {
            case IntegerLiteralSyntax integer:
                return new IntValue(integer.Value);
            case FloatLiteralSyntax number:
                return new FloatValue(number.Value);
            case BooleanLiteralSyntax boolean:
                return new BoolValue(boolean.Value);
            case NameExpressionSyntax name:
                return parameters.TryGetValue(name.Name, out var value) ? value : new NameValue(name.Name);
            case TupleExpressionSyntax tuple:
                var items = new List<ConstantValue>();
                foreach (var element in tuple.Elements)
                {
                    var item = EvaluateCore(element, parameters, diagnostics);
                    if (item is null)
                    {
                        return null;
                    }

                    items.Add(item);
                }

                return new TupleValue(items.ToEquatableArray());
            case NegateExpressionSyntax negate:
                var operand = EvaluateCore(negate.Operand, parameters, diagnostics);
                return operand switch
                {
                    null => null,
                    IntValue i => new IntValue(checked(-i.Value)),
                    FloatValue f => new FloatValue(-f.Value),
                    _ => NotANumber(negate.Operand, operand, parameters, diagnostics),
                };
            case BinaryExpressionSyntax binary:
                return EvaluateBinary(binary, parameters, diagnostics);
            case CallExpressionSyntax call when call.Callee.Name == "ceil" && call.Arguments.Count == 1 && !call.Arguments[0].IsNamed:
                return EvaluateCeil(call, call.Arguments[0].Value, parameters, diagnostics);
            case CallExpressionSyntax call:
                diagnostics.Add(DiagnosticCatalog.InvalidExpressionAt(call.Span, $"the call '{call.Callee.Name}(...)'"));
                return null;
            case StringLiteralSyntax:
                diagnostics.Add(DiagnosticCatalog.InvalidExpressionAt(expression.Span, "a string"));
                return null;
            case ListExpressionSyntax:
                diagnostics.Add(DiagnosticCatalog.InvalidExpressionAt(expression.Span, "a list"));
                return null;
            case MapExpressionSyntax:
                diagnostics.Add(DiagnosticCatalog.InvalidExpressionAt(expression.Span, "a map"));
                return null;
            default:
                diagnostics.Add(DiagnosticCatalog.InvalidExpressionAt(expression.Span, "this expression"));
                return null;
        }
    }

    private static ConstantValue? EvaluateBinary(BinaryExpressionSyntax binary, IReadOnlyDictionary<string, ConstantValue> parameters, DiagnosticBag diagnostics)
    {
        var left = EvaluateCore(binary.Left, parameters, diagnostics);
        var right = EvaluateCore(binary.Right, parameters, diagnostics);
        if (left is null || right is null)
        {
            return null;
        }

        if (left is not (IntValue or FloatValue))
        {
            return NotANumber(binary.Left, left, parameters, diagnostics);
        }

        if (right is not (IntValue or FloatValue))
        {
            return NotANumber(binary.Right, right, parameters, diagnostics);
        }

        if (left is IntValue a && right is IntValue b)
        {
            if (b.Value == 0 && binary.Operator is BinaryOperator.Divide or BinaryOperator.Modulo)
            {
                diagnostics.Add(DiagnosticCatalog.DivisionByZeroAt(binary.Span, $"{a.Value} {Symbol(binary.Operator)} 0"));
                return null;
            }

            return new IntValue(binary.Operator switch
            {
                BinaryOperator.Add => checked(a.Value + b.Value),
                BinaryOperator.Subtract => checked(a.Value - b.Value),
                BinaryOperator.Multiply => checked(a.Value * b.Value),
                BinaryOperator.Divide => Dim.FloorDivide(a.Value, b.Value),
                _ => a.Value - (Dim.FloorDivide(a.Value, b.Value) * b.Value),
            });
        }

        var x = ToDouble(left);
        var y = ToDouble(right);
        if (binary.Operator == BinaryOperator.Modulo)
        {
            diagnostics.Add(DiagnosticCatalog.InvalidExpressionAt(binary.Span, "% on a non-integer"));
            return null;
        }

        if (y == 0 && binary.Operator == BinaryOperator.Divide)
        {
            diagnostics.Add(DiagnosticCatalog.DivisionByZeroAt(binary.Span, $"{left} / {right}"));
            return null;
        }

        return new FloatValue(binary.Operator switch
        {
            BinaryOperator.Add => x + y,
            BinaryOperator.Subtract => x - y,
            BinaryOperator.Multiply => x * y,
            _ => x / y,
        });
    }

    private static ConstantValue? EvaluateCeil(CallExpressionSyntax call, ExpressionSyntax argument, IReadOnlyDictionary<string, ConstantValue> parameters, DiagnosticBag diagnostics)
    {
        // ceil(a / b) must not floor first: evaluate the division itself as a ceiling division.
        if (argument is BinaryExpressionSyntax { Operator: BinaryOperator.Divide } division)
        {
            var left = EvaluateCore(division.Left, parameters, diagnostics);
            var right = EvaluateCore(division.Right, parameters, diagnostics);
            if (left is null || right is null)
            {
                return null;
            }

            if (left is IntValue a && right is IntValue b)
            {
                if (b.Value == 0)
                {
                    diagnostics.Add(DiagnosticCatalog.DivisionByZeroAt(division.Span, $"{a.Value} / 0"));
                    return null;
                }

                return new IntValue(-Dim.FloorDivide(checked(-a.Value), b.Value));
            }
        }

        var value = EvaluateCore(argument, parameters, diagnostics);
        return value switch
        {
            null => null,
            IntValue => value,
            FloatValue f => new IntValue(checked((long)Math.Ceiling(f.Value))),
            _ => NotANumber(argument, value, parameters, diagnostics),
        };
    }

    private static ConstantValue? NotANumber(ExpressionSyntax expression, ConstantValue value, IReadOnlyDictionary<string, ConstantValue> parameters, DiagnosticBag diagnostics)
    {
        if (value is NameValue name && expression is NameExpressionSyntax)
        {
            diagnostics.Add(DiagnosticCatalog.UnknownNameAt(expression.Span, name.Name, NameSuggester.Suggest(name.Name, parameters.Keys)));
        }
        else
        {
            diagnostics.Add(DiagnosticCatalog.InvalidExpressionAt(expression.Span, "arithmetic on " + Describe(value)));
        }

        return null;
    }

    public static string Describe(ConstantValue value) => value switch
    {
        IntValue => $"the integer {value}",
        FloatValue => $"the number {value}",
        BoolValue => $"the boolean {value}",
        NameValue => $"the name '{value}'",
        TupleValue tuple => $"the tuple {value}",
        _ => value.ToString(),
    };

    private static double ToDouble(ConstantValue value) => value is IntValue i ? i.Value : ((FloatValue)value).Value;

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        _ => "%",
    };
}
