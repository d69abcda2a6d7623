using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// Matches the arguments of a call to parameters, the same way for layers, blocks and groups: positional arguments in
/// order (a variadic parameter takes all remaining positional ones), then named ones. Reports unknown names (with a
/// suggestion), repeats and surplus positional arguments; the caller checks required parameters and types.
/// </summary>
internal static class ArgumentBinder
{
    /// <param name="callee">The name shown in messages.</param>
    /// <param name="parameters">Parameter names in positional order.</param>
    /// <param name="variadicIndex">The index of the variadic parameter, or -1.</param>
    /// <param name="arguments">The call's arguments.</param>
    /// <param name="variadic">The positional arguments taken by the variadic parameter.</param>
    /// <param name="positionalCount">How many leading parameters may be passed positionally (the rest by name only).</param>
    /// <returns>Parameter name → argument, or null when an argument could not be matched (already reported).</returns>
    public static Dictionary<string, ArgumentSyntax>? Bind(
        string callee,
        IReadOnlyList<string> parameters,
        int variadicIndex,
        IReadOnlyList<ArgumentSyntax> arguments,
        DiagnosticBag diagnostics,
        out List<ArgumentSyntax> variadic,
        int positionalCount = int.MaxValue)
    {
        var positional = System.Math.Min(parameters.Count, positionalCount);
        var bound = new Dictionary<string, ArgumentSyntax>();
        variadic = new List<ArgumentSyntax>();
        var ok = true;
        var position = 0;
        foreach (var argument in arguments.Where(a => !a.IsNamed))
        {
            if (position == variadicIndex)
            {
                variadic.Add(argument);
                continue;
            }

            if (position >= positional)
            {
                diagnostics.Add(DiagnosticCatalog.TooManyArgumentsAt(argument.Span, callee, variadicIndex >= 0 ? variadicIndex : positional));
                ok = false;
                break;
            }

            bound[parameters[position]] = argument;
            position++;
        }

        foreach (var argument in arguments.Where(a => a.IsNamed))
        {
            var name = argument.Name!.Name;
            var index = IndexOf(parameters, name);
            if (index < 0 || index == variadicIndex)
            {
                var candidates = parameters.Where((_, i) => i != variadicIndex);
                diagnostics.Add(DiagnosticCatalog.UnknownArgumentAt(argument.Name.Span, callee, name, NameSuggester.Suggest(name, candidates)));
                ok = false;
            }
            else if (bound.ContainsKey(name))
            {
                diagnostics.Add(DiagnosticCatalog.DuplicateArgumentAt(argument.Name.Span, callee, name));
                ok = false;
            }
            else
            {
                bound[name] = argument;
            }
        }

        return ok ? bound : null;
    }

    private static int IndexOf(IReadOnlyList<string> parameters, string name)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
