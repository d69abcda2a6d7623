using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Emit;

/// <summary>The outcome of <see cref="GeneratedNameChecker.Check"/>: its diagnostics, and the models and trainings
/// (by source name) that must emit nothing, not even a stand-in, because their C# names cannot work.</summary>
public sealed record GeneratedNames(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyCollection<string> RejectedModels, IReadOnlyCollection<string> RejectedTrainings);

/// <summary>
/// Checks the C# type names of a compilation as a whole, before anything is emitted: each declaration's type is
/// checked on its own, but only here can two declarations be seen to become one type (<c>my_net</c> and <c>MyNet</c>;
/// a model <c>FooTrainer</c> beside <c>train Foo</c>), or a type be seen to clash with what is generated around it.
/// The later declaration (models before trainings, then in file order) gets the error and emits nothing, so the build
/// shows one MD error instead of C# errors in generated code or a declaration that silently disappears.
/// </summary>
public static class GeneratedNameChecker
{
    /// <summary>Namespaces whose types the generated code names; a declared namespace inside one shadows them.
    /// (<c>ModelDsl.Samples.*</c> and other namespaces beside the runtime's are fine.)</summary>
    public static readonly string[] ReservedNamespaceRoots = { "ModelDsl.Runtime", "TorchSharp" };

    /// <summary>Members every model class declares (a class cannot declare a member of its own name, CS0542).</summary>
    private static readonly HashSet<string> ModelMembers = new(
        ModelMetadata.MemberNames
            .Concat(WeightMemberDocs.Names)
            .Concat(new[] { "Forward", "forward", ModuleEmitter.ForwardLogitsName, ModuleEmitter.OutputsRecord, OnnxGraphWriter.NestedMethod }),
        StringComparer.Ordinal);

    private const string FallbackNamespace = "ModelDsl.Generated";

    public static GeneratedNames Check(IReadOnlyList<ModelFileSyntax> trees, CompilationOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        var rejectedModels = new HashSet<string>(StringComparer.Ordinal);
        var rejectedTrainings = new HashSet<string>(StringComparer.Ordinal);
        var defaultNamespace = CSharpNames.ToNamespace(options.DefaultNamespace, FallbackNamespace);

        var types = new List<GeneratedType>();
        var modelNamespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        var rejectedFiles = new HashSet<ModelFileSyntax>();
        foreach (var tree in trees)
        {
            if (tree.Namespace is { } declared && ReservedRoot(declared.Name) is { } root)
            {
                diagnostics.Add(DiagnosticCatalog.ReservedNamespaceAt(declared.Span, declared.Name, root));
                rejectedFiles.Add(tree);
            }
            else if (tree.Namespace is { } tooLong && tooLong.Parts.Any(part => TooLong(part.Name)))
            {
                rejectedFiles.Add(tree);
            }

            var @namespace = CSharpNames.ToNamespace(tree.Namespace?.Name ?? options.DefaultNamespace, defaultNamespace);
            foreach (var model in tree.Declarations.OfType<ModelDeclarationSyntax>())
            {
                if (!modelNamespaces.ContainsKey(model.Name.Name))
                {
                    modelNamespaces.Add(model.Name.Name, @namespace);
                }

                if (rejectedFiles.Contains(tree) || TooLong(model.Name.Name))
                {
                    rejectedModels.Add(model.Name.Name);
                    continue;
                }

                types.Add(new GeneratedType($"model '{model.Name.Name}'", model.Name.Name, IsModel: true, model.Name.Span, @namespace, CSharpNames.ToPascalCase(model.Name.Name)));
            }
        }

        foreach (var tree in trees)
        {
            var fileNamespace = CSharpNames.ToNamespace(tree.Namespace?.Name ?? options.DefaultNamespace, defaultNamespace);
            foreach (var train in tree.Declarations.OfType<TrainDeclarationSyntax>())
            {
                if (rejectedFiles.Contains(tree) || TooLong(train.Name.Name))
                {
                    rejectedTrainings.Add(train.Name.Name);
                    continue;
                }

                // As emitted: the trainer lives beside its model, in the model's namespace.
                var @namespace = modelNamespaces.TryGetValue(train.Model.Name, out var modelNamespace) ? modelNamespace : fileNamespace;
                types.Add(new GeneratedType($"train '{train.Name.Name}'", train.Name.Name, IsModel: false, train.Name.Span, @namespace, CSharpNames.ToPascalCase(train.Name.Name + "Trainer")));
            }
        }

        var exact = new Dictionary<string, GeneratedType>(StringComparer.Ordinal);
        var folded = new Dictionary<string, GeneratedType>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in types)
        {
            var bare = type.TypeName.TrimStart('@');
            if (type.IsModel && ModelMembers.Contains(bare))
            {
                diagnostics.Add(DiagnosticCatalog.TypeNamedLikeMemberAt(type.Span, type.What, bare));
                Reject(type);
                continue;
            }

            var key = type.Namespace + "." + bare;
            if (exact.TryGetValue(key, out var first))
            {
                // The same source name twice is a duplicate declaration, reported (MD2001) by the declaration table.
                if (!(first.IsModel == type.IsModel && first.SourceName == type.SourceName))
                {
                    diagnostics.Add(DiagnosticCatalog.GeneratedTypeCollisionAt(type.Span, type.What, first.What, first.Span, key));
                    Reject(type);
                }

                continue;
            }

            if (folded.TryGetValue(key, out var similar))
            {
                diagnostics.Add(DiagnosticCatalog.GeneratedTypeCaseCollisionAt(type.Span, type.What, key, similar.What, similar.Span, similar.Namespace + "." + similar.TypeName.TrimStart('@')));
                Reject(type);
                continue;
            }

            exact.Add(key, type);
            folded.Add(key, type);
        }

        return new GeneratedNames(diagnostics, rejectedModels, rejectedTrainings);

        void Reject(GeneratedType type) => (type.IsModel ? rejectedModels : rejectedTrainings).Add(type.SourceName);
    }

    /// <summary>A name past MD1041's limit: already an error, and no C# type (not even a stand-in) may carry it.</summary>
    public static bool TooLong(string name) => name.Length > Tokens.MaxNameLength;

    /// <summary>The reserved root that <paramref name="namespace"/> is (or is inside), else null.</summary>
    private static string? ReservedRoot(string @namespace) =>
        ReservedNamespaceRoots.FirstOrDefault(root =>
            @namespace.Equals(root, StringComparison.OrdinalIgnoreCase) || @namespace.StartsWith(root + ".", StringComparison.OrdinalIgnoreCase));

    private sealed record GeneratedType(string What, string SourceName, bool IsModel, SourceSpan Span, string Namespace, string TypeName);
}
