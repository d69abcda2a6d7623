using System.Collections.Generic;

namespace ModelDsl.Compiler.Syntax;

/// <summary>
/// How deep an expression tree is, measured without recursion. The parser builds operator chains iteratively
/// (<c>1 + 1 + ... + 1</c> is a left-deep tree, <c>- - - x</c> a chain of negations), so a 100 KB file can hold a tree
/// 100,000 levels deep; every later stage walks trees recursively, so the parser rejects trees deeper than
/// <see cref="Limit"/> (MD1040) and nothing downstream ever sees one.
/// </summary>
internal static class ExpressionDepth
{
    /// <summary>The deepest expression accepted: far beyond any real model (an argument is rarely deeper than 5),
    /// and shallow enough that the binder, evaluator and emitter stay well inside a 1 MB thread stack.</summary>
    public const int Limit = 256;

    /// <summary>True when <paramref name="root"/> is deeper than <see cref="Limit"/> levels; stops at the first
    /// path that is too deep, so the cost is linear in the size of the tree.</summary>
    public static bool Exceeds(ExpressionSyntax root)
    {
        var pending = new Stack<(ExpressionSyntax Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > Limit)
            {
                return true;
            }

            switch (node)
            {
                case BinaryExpressionSyntax binary:
                    pending.Push((binary.Left, depth + 1));
                    pending.Push((binary.Right, depth + 1));
                    break;
                case NegateExpressionSyntax negate:
                    pending.Push((negate.Operand, depth + 1));
                    break;
                case MemberAccessExpressionSyntax member:
                    pending.Push((member.Target, depth + 1));
                    break;
                case CallExpressionSyntax call:
                    foreach (var argument in call.Arguments)
                    {
                        pending.Push((argument.Value, depth + 1));
                    }

                    break;
                case TupleExpressionSyntax tuple:
                    foreach (var element in tuple.Elements)
                    {
                        pending.Push((element, depth + 1));
                    }

                    break;
                case ListExpressionSyntax list:
                    foreach (var element in list.Elements)
                    {
                        pending.Push((element, depth + 1));
                    }

                    break;
                case MapExpressionSyntax map:
                    foreach (var entry in map.Entries)
                    {
                        pending.Push((entry.Value, depth + 1));
                    }

                    break;
            }
        }

        return false;
    }
}
