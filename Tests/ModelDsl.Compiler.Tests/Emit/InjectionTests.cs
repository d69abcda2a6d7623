using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelDsl.Compiler.Emit.TorchSharp;
using ModelDsl.Compiler.Semantics;
using Xunit;
using static ModelDsl.Compiler.Tests.Emit.CheckedModelBuilder;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// Names, paths and namespaces from <c>.model</c> files reach generated code only as cleaned identifiers, escaped string
/// literals and sanitised comments: hostile text compiles to the expected types and nothing else.
/// </summary>
public sealed class InjectionTests
{
    private const string Payload = "x\"); } public static void Injected() { } /*\n#error boom\u2028// \u202E";

    [Fact]
    public void Hostile_names_paths_and_namespaces_cannot_add_code()
    {
        var root = new CheckedModelBuilder(ModuleKind.Model, "Evil" + Payload)
            .Input("in" + Payload, S(4))
            .Layer("dense" + Payload, "dense" + Payload, LayerKind.Dense, new DenseArguments(4, 2, true, null), S(2), "x1", "in" + Payload)
            .Layer("class", "dense", LayerKind.Dense, new DenseArguments(2, 2, true, null), S(2), "let" + Payload, "x1")
            .Output("let" + Payload)
            .Build();
        var model = new CheckedModel(
            "Evil" + Payload,
            "Acme.Evil;\nclass Injected {}\nnamespace X",
            "Models/evil.model\n#error path" + Payload,
            root.Inputs.Select(i => new ModelInput(i.Name, i.Shape)).ToEquatableArray(),
            new[] { new ModelOutput("out" + Payload, "let" + Payload, S(2), null) }.ToEquatableArray(),
            root,
            ModelSummary.Render("Evil" + Payload, root));

        var text = TorchSharpProfile.Instance.EmitModel(model);

        var diagnostics = GeneratedCodeCompiler.Compile(new[] { text });
        Assert.True(diagnostics.Count == 0, GeneratedCodeCompiler.Describe(diagnostics) + "\n" + text);

        var tree = CSharpSyntaxTree.ParseText(text);
        var types = tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Select(t => t.Identifier.ValueText).ToArray();
        Assert.Equal(new[] { "EvilxpublicstaticvoidInjectederrorboom" }, types);
        Assert.DoesNotContain(tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>(), m => m.Identifier.ValueText == "Injected");
        Assert.DoesNotContain(tree.GetRoot().DescendantTrivia(), t => t.IsKind(SyntaxKind.ErrorDirectiveTrivia));
        Assert.DoesNotContain('\u2028', text);
        Assert.DoesNotContain('\u202E', text);

        // The registered name keeps the source text, escaped, so weights still carry the .model name.
        Assert.Contains("register_module(\"densex\\\"); } public static void Injected() { } /*\\n#error boom\\u2028// \\u202E\", ", text);
        Assert.Contains("private readonly global::TorchSharp.Modules.Linear @class;", text);
    }
}
