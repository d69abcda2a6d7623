using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Semantics;

/// <summary>Reads a file's <c>defaults { init: keras }</c> declarations into the <see cref="LayerDefaults"/> its
/// models are expanded with; reports unknown settings and profiles once per file.</summary>
internal static class LayerDefaultsReader
{
    private static readonly string[] Settings = { "init" };

    private static readonly string[] Profiles = { "keras", "pytorch" };

    public static LayerDefaults Read(ModelFileSyntax file, DiagnosticBag diagnostics)
    {
        var result = LayerDefaults.PyTorch;
        foreach (var item in file.Defaults.SelectMany(d => d.Items))
        {
            if (item is not SettingSyntax { Key.Name: "init" } setting)
            {
                var (span, name) = item switch
                {
                    SettingSyntax other => (other.Key.Span, other.Key.Name),
                    TrainCallSyntax call => (call.Call.Callee.Span, call.Call.Callee.Name),
                    _ => (item.Span, "this item"),
                };
                diagnostics.Add(DiagnosticCatalog.UnknownDefaultsSetting(span, name, NameSuggester.Suggest(name, Settings)));
                continue;
            }

            switch (setting.Value)
            {
                case NameExpressionSyntax { Name: "keras" }:
                    result = LayerDefaults.Keras;
                    break;
                case NameExpressionSyntax { Name: "pytorch" }:
                    result = LayerDefaults.PyTorch;
                    break;
                case NameExpressionSyntax word:
                    diagnostics.Add(DiagnosticCatalog.UnknownInitProfile(word.Span, $"'{word.Name}'", NameSuggester.Suggest(word.Name, Profiles)));
                    break;
                default:
                    diagnostics.Add(DiagnosticCatalog.UnknownInitProfile(setting.Value.Span, "this expression", null));
                    break;
            }
        }

        return result;
    }
}
