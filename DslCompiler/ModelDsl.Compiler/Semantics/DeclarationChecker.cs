using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// Checks what can be checked in a block or group without a call: parameter types and names, and that every called
/// name exists (so a typo in a block nobody calls yet is still reported). A block or group with an error is marked
/// broken, so the models that call it fail without repeating its errors.
/// </summary>
internal static class DeclarationChecker
{
    public static void Check(IEnumerable<ModelFileSyntax> files, DeclarationTable table, DiagnosticBag diagnostics)
    {
        foreach (var declaration in files.SelectMany(f => f.Declarations))
        {
            var errorsBefore = diagnostics.ErrorsSeen;
            switch (declaration)
            {
                case CallableDeclarationSyntax callable:
                    CheckParameters(callable, diagnostics);
                    CheckCalls(callable.Body, table, diagnostics);
                    if (diagnostics.ErrorsSeen != errorsBefore)
                    {
                        table.MarkBroken(callable.Name.Name);
                    }

                    break;
                case ModelDeclarationSyntax model:
                    CheckCalls(model.Body, table, diagnostics);
                    break;
            }
        }
    }

    private static void CheckParameters(CallableDeclarationSyntax callable, DiagnosticBag diagnostics)
    {
        var seen = new HashSet<string>();
        foreach (var parameter in callable.Parameters)
        {
            if (!seen.Add(parameter.Name.Name))
            {
                diagnostics.Add(DiagnosticCatalog.DuplicateParameterAt(parameter.Name.Span, parameter.Name.Name));
            }

            if (parameter.Type is not null && ParameterTypes.Parse(parameter.Type.Name) is null)
            {
                diagnostics.Add(DiagnosticCatalog.UnknownParameterTypeAt(
                    parameter.Type.Span, parameter.Type.Name, NameSuggester.Suggest(parameter.Type.Name, ParameterTypes.Names)));
            }
        }
    }

    private static void CheckCalls(IEnumerable<StatementSyntax> body, DeclarationTable table, DiagnosticBag diagnostics)
    {
        foreach (var call in Calls(body))
        {
            var name = call.Name.Name;
            if (!LayerCatalog.TryGet(name, out _) && !table.TryGet(name, out _))
            {
                var suggestion = NameSuggester.Suggest(name, LayerCatalog.Names.Concat(table.CallableNames));
                diagnostics.Add(DiagnosticCatalog.UnknownLayerAt(call.Name.Span, name, suggestion));
            }
        }
    }

    private static IEnumerable<LayerCallSyntax> Calls(IEnumerable<StatementSyntax> body)
    {
        foreach (var statement in body)
        {
            var calls = statement switch
            {
                LayerCallSyntax call => new[] { call },
                LetStatementSyntax let => let.Value.Steps,
                OutputStatementSyntax output => output.Value.Steps,
                RepeatStatementSyntax repeat => Calls(repeat.Body),
                SectionStatementSyntax section => Calls(section.Body),
                _ => Enumerable.Empty<LayerCallSyntax>(),
            };
            foreach (var call in calls)
            {
                yield return call;
            }
        }
    }
}
