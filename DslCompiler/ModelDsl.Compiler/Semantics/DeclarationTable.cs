using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Semantics;

/// <summary>
/// The block, group and model names of one compilation. Names are global across files; a name declared twice is
/// reported at both declarations and neither is used. <c>train</c> declarations live in their own name space (they
/// are named after their model) and are left to the Training stage.
/// </summary>
internal sealed class DeclarationTable
{
    private readonly Dictionary<string, (DeclarationSyntax Declaration, ModelFileSyntax File)> _declarations = new(StringComparer.Ordinal);

    private readonly HashSet<string> _duplicates = new(StringComparer.Ordinal);

    private DeclarationTable()
    {
    }

    public IEnumerable<string> Names => _declarations.Keys;

    public static DeclarationTable Build(IEnumerable<ModelFileSyntax> files, DiagnosticBag diagnostics)
    {
        var table = new DeclarationTable();
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        var all = files
            .SelectMany(f => f.Declarations.Where(d => d is not TrainDeclarationSyntax).Select(d => (Declaration: d, File: f)))
            .ToList();
        foreach (var group in all.GroupBy(d => NameOf(d.Declaration).Name, StringComparer.Ordinal))
        {
            var items = group.ToList();
            if (items.Count > 1)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    var other = items[i == 0 ? 1 : 0];
                    diagnostics.Add(DiagnosticCatalog.DuplicateDeclarationAt(NameOf(items[i].Declaration).Span, group.Key, NameOf(other.Declaration).Span));
                }

                // The first stays resolvable so calls to it do not cascade into "unknown" errors.
                table._duplicates.Add(group.Key);
            }

            if (items[0].Declaration is CallableDeclarationSyntax && LayerCatalog.TryGet(group.Key, out _))
            {
                diagnostics.Add(DiagnosticCatalog.ShadowsLayerAt(NameOf(items[0].Declaration).Span, group.Key));
                continue;
            }

            table._declarations[group.Key] = items[0];
        }

        return table;
    }

    public static IdentifierSyntax NameOf(DeclarationSyntax declaration) => declaration switch
    {
        CallableDeclarationSyntax callable => callable.Name,
        ModelDeclarationSyntax model => model.Name,
        TrainDeclarationSyntax train => train.Name,
        _ => throw new ArgumentOutOfRangeException(nameof(declaration)),
    };

    public bool TryGet(string name, out DeclarationSyntax declaration)
    {
        var found = _declarations.TryGetValue(name, out var entry);
        declaration = entry.Declaration;
        return found;
    }

    /// <summary>The file that declares <paramref name="name"/> (for its namespace).</summary>
    public ModelFileSyntax FileOf(string name) => _declarations[name].File;

    private readonly HashSet<string> _broken = new(StringComparer.Ordinal);

    /// <summary>Marks a block or group whose declaration has an error (reported once), so every model using it fails.</summary>
    public void MarkBroken(string name) => _broken.Add(name);

    public bool IsBroken(string name) => _broken.Contains(name) || _duplicates.Contains(name);

    /// <summary>True when <paramref name="name"/> is declared more than once (already reported).</summary>
    public bool IsDuplicate(string name) => _duplicates.Contains(name);

    public IEnumerable<string> CallableNames => _declarations.Where(d => d.Value.Declaration is CallableDeclarationSyntax).Select(d => d.Key);
}
