using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelDsl.Compiler;
using ModelDsl.Compiler.Emit.Surfaces;
using ModelDsl.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelDsl.Generators.Tests.Generator;

/// <summary>
/// A model or trainer whose <c>.model</c> declaration has errors still gets its type (a stand-in whose members throw),
/// so C# that uses it compiles and the build's only errors are the <c>.model</c> errors.
/// </summary>
public sealed class ErrorSurfaceTests
{
    /// <summary>DenseWithoutFlatten (MD3001 at 4,5) with a training and a data block that are fine on their own.</summary>
    private const string BrokenModelWithTraining = TestModels.DenseWithoutFlatten + """

        train NoFlatten {
            loss: sparse_categorical_crossentropy
            optimizer: adam(lr: 0.001)
            epochs: 1
            data { train: idx(images: "train-images-idx3-ubyte.gz", labels: "train-labels-idx1-ubyte.gz") }
        }
        """;

    /// <summary>A valid model whose training names an unknown loss.</summary>
    private const string BrokenTraining = TestModels.Mnist + """

        train MnistDnn {
            loss: sparse_categorical_crossentropi
            optimizer: adam(lr: 0.001)
            epochs: 1
        }
        """;

    [Theory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.TorchSharp)]
    public void Csharp_using_a_broken_model_and_its_trainer_compiles_and_only_the_model_error_is_reported(Backend backend)
    {
        var project = new ModelProject().On(backend)
            .WithModel("shapes.model", BrokenModelWithTraining)
            .WithCSharp("Use.cs", UseCode("NoFlatten", backend));

        var (generator, csharpErrors, _) = project.Build();

        Assert.Contains(generator, diagnostic => diagnostic.Id == "MD3001" && diagnostic.Location.GetLineSpan().StartLinePosition == new Microsoft.CodeAnalysis.Text.LinePosition(3, 4));
        Assert.True(csharpErrors.Count == 0, string.Join(Environment.NewLine, csharpErrors.Take(10)));
    }

    [Theory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.TorchSharp)]
    public void A_broken_training_of_a_valid_model_gets_a_stand_in_trainer_beside_the_real_model(Backend backend)
    {
        var project = new ModelProject().On(backend)
            .WithModel("mnist.model", BrokenTraining)
            .WithCSharp("Use.cs", UseCode("MnistDnn", backend));

        var (generator, csharpErrors, output) = project.Build();

        Assert.Single(generator, diagnostic => diagnostic.Severity == DiagnosticSeverity.Error && diagnostic.Id == "MD2102");
        Assert.True(csharpErrors.Count == 0, string.Join(Environment.NewLine, csharpErrors.Take(10)));
        var model = output.GetTypeByMetadataName("App.MnistDnn")!;
        Assert.Contains(model.GetMembers(), member => member.Name == "TrainableParameters" && member is IFieldSymbol { IsConst: true });
        var trainer = output.GetTypeByMetadataName("App.MnistDnnTrainer")!;
        Assert.Contains(trainer.GetMembers(), member => member.Name == "Errors" && member is IFieldSymbol { IsConst: true });
    }

    [Fact]
    public void Every_member_of_a_stand_in_throws_naming_the_model_errors()
    {
        var project = new ModelProject().On(Backend.Cpu).WithModel("shapes.model", BrokenModelWithTraining);
        var (_, csharpErrors, output) = project.Build();
        Assert.Empty(csharpErrors);

        var assembly = Load(output);
        var model = assembly.GetType("App.NoFlatten", throwOnError: true)!;
        var trainer = assembly.GetType("App.NoFlattenTrainer", throwOnError: true)!;

        var fromModel = Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(model, new object?[] { null }));
        var fromTrainer = Assert.Throws<TargetInvocationException>(() => trainer.GetMethod("LoadData")!.Invoke(null, new object?[] { null }));

        foreach (var exception in new[] { fromModel.InnerException, fromTrainer.InnerException })
        {
            var invalid = Assert.IsType<InvalidOperationException>(exception);
            Assert.Contains("shapes.model has errors", invalid.Message, StringComparison.Ordinal);
            Assert.Contains("shapes.model(4,5): error MD3001: dense expects", invalid.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The stand-in has every public member of the type it stands in for (same name, parameters and type), so any C#
    /// that compiles against the real type compiles against it. Checked against the real emission of a valid model
    /// and trainer, on each backend, so the two cannot drift apart.
    /// </summary>
    [Theory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.TorchSharp)]
    public void A_stand_in_has_the_public_members_of_the_real_type(Backend backend)
    {
        var project = new ModelProject().On(backend).WithModel("mnist.model", TestModels.Mnist + "\n" + MnistTrainingWithData)
            .WithModel("multi.model", TestModels.AgeAndGender + "\ntrain AgeAndGender { loss: { age: sparse_categorical_crossentropy, gender: sparse_categorical_crossentropy } optimizer: adam() epochs: 1 }");
        var (generator, realErrors, real) = project.Build();
        Assert.Empty(generator);
        Assert.Empty(realErrors);

        var surfaces = new ErrorSurface[]
        {
            new ModelErrorSurface("MnistDnn", "App", "mnist.model", new[] { "x" }.ToEquatableArray(), "MnistDnn", new[] { "image" }.ToEquatableArray(), EquatableArray<string>.Empty),
            new TrainerErrorSurface("MnistDnnTrainer", "App", "mnist.model", new[] { "x" }.ToEquatableArray(), "global::App.MnistDnn"),
            new ModelErrorSurface("AgeAndGender", "App", "multi.model", new[] { "x" }.ToEquatableArray(), "AgeAndGender", new[] { "measures" }.ToEquatableArray(), new[] { "age", "gender" }.ToEquatableArray()),
        };
        var standIns = project.CreateCompilation().AddSyntaxTrees(surfaces.Select(surface =>
            CSharpSyntaxTree.ParseText(ErrorSurfaceEmitter.Emit(surface, backend).Text, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), "/stand-ins/" + surface.TypeName + ".cs")));
        var standInErrors = standIns.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(standInErrors.Count == 0, string.Join(Environment.NewLine, standInErrors.Take(10)));

        foreach (var name in new[] { "App.MnistDnn", "App.MnistDnnTrainer", "App.AgeAndGender", "App.AgeAndGender+Outputs" })
        {
            var realType = real.GetTypeByMetadataName(name)!;
            var standIn = standIns.GetTypeByMetadataName(name)!;
            Assert.Equal(realType.BaseType!.ToDisplayString(), standIn.BaseType!.ToDisplayString());
            Assert.Equal(realType.AllInterfaces.Any(i => i.Name == "IDisposable"), standIn.AllInterfaces.Any(i => i.Name == "IDisposable"));
            var missing = PublicSurface(realType).Except(PublicSurface(standIn)).ToList();
            Assert.True(missing.Count == 0, $"{name} stand-in lacks: {string.Join("; ", missing)}");
        }
    }

    private const string MnistTrainingWithData = """
        train MnistDnn {
            loss: sparse_categorical_crossentropy
            optimizer: adam(lr: 0.001)
            metrics: [accuracy]
            epochs: 1
            data { train: idx(images: "train-images-idx3-ubyte.gz", labels: "train-labels-idx1-ubyte.gz") }
        }
        """;

    // Members as a caller sees them: name, parameters (names, types, optional) and type; layer properties excluded
    // (a model with errors has no layers to expose), and record plumbing too.
    private static IEnumerable<string> PublicSurface(INamedTypeSymbol type) =>
        type.GetMembers()
            .Where(member => member.DeclaredAccessibility == Accessibility.Public && !member.IsImplicitlyDeclared)
            .Where(member => !(member is IPropertySymbol property && IsLayer(property.Type)))
            .Where(member => member is not IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet })
            .Select(member => member switch
            {
                IMethodSymbol method => $"{(method.IsStatic ? "static " : string.Empty)}{method.Name}({string.Join(", ", method.Parameters.Select(p => $"{p.Type.ToDisplayString()} {p.Name}{(p.IsOptional ? " = …" : string.Empty)}"))}) : {method.ReturnType.ToDisplayString()}",
                IPropertySymbol property => $"{(property.IsStatic ? "static " : string.Empty)}{property.Name} : {property.Type.ToDisplayString()}{(property.SetMethod is { DeclaredAccessibility: Accessibility.Public } ? " { set; }" : string.Empty)}",
                IFieldSymbol field => $"static {field.Name} : {field.Type.ToDisplayString()}",
                _ => member.Kind + " " + member.Name,
            })
            .Distinct();

    private static bool IsLayer(ITypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() is "TorchSharp.Modules" or "ModelDsl.Runtime.Cpu.Modules";

    private static string UseCode(string model, Backend backend)
    {
        var forward = backend == Backend.TorchSharp ? "forward" : "Forward";
        var tensor = backend == Backend.TorchSharp ? "TorchSharp.torch.Tensor" : "ModelDsl.Runtime.Cpu.Tensor";
        return $$"""
            namespace App;

            public static class Use
            {
                public static object Run({{tensor}} batch)
                {
                    var (train, _, test) = {{model}}Trainer.LoadData("/data");
                    var trainer = new {{model}}Trainer();
                    var history = trainer.Fit(train);
                    var accuracy = trainer.Evaluate(test!)["accuracy"];
                    trainer.Epochs = 2;
                    trainer.SaveWeights("weights.bin");
                    trainer.LoadWeights("weights.bin");
                    var predictions = trainer.Predict(test!);
                    {{model}} network = trainer.Model;
                    var output = new {{model}}().{{forward}}(batch);
                    return (history, accuracy, predictions, network, output, {{model}}.TrainableParameters, {{model}}.Summary, {{model}}.InputShape);
                }
            }
            """;
    }

    private static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics.Take(10)));
        stream.Position = 0;
        return new AssemblyLoadContext("stand-ins", isCollectible: true).LoadFromStream(stream);
    }
}
