using System;
using System.Linq;
using ModelDsl.Runtime.Cpu;
using ModelDsl.Runtime.Weights;
using Xunit;

namespace ModelDsl.Compiler.Tests.Interop;

/// <summary>
/// The proof against the real thing: torchvision's resnet18 and vgg16 state_dicts (random weights, written by
/// tools/torchvision-fixtures) load into Samples/Transfer's resnet18.model and vgg16.model through the torchvision name
/// map, and the generated Cpu and TorchSharp models compute torchvision's logits (≤ 1e-4 relative).
/// </summary>
[Collection(Emit.LibTorchCollection.Name)]
public sealed class TorchvisionWeightsTests : IClassFixture<TorchvisionFixture>
{
    private const double Tolerance = 1e-4;
    private readonly TorchvisionFixture _fixture;

    public TorchvisionWeightsTests(TorchvisionFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("resnet18", "ResNet18")]
    [InlineData("vgg16", "Vgg16")]
    public void Torchvision_weights_give_torchvisions_logits(string file, string model)
    {
        var generated = GeneratedModels.Models.Single(m => m.Model.Name == model && m.Id.StartsWith("Samples/Transfer/", StringComparison.Ordinal));
        var module = generated.Create(seed: 1);
        generated.Invoke(module, "LoadPretrained", _fixture.File(file + ".safetensors"), WeightNameMap.Torchvision, Array.Empty<string>());
        module.Eval();
        var input = SafetensorsFile.Read(_fixture.File(file + ".input.safetensors")).Single();
        var expected = SafetensorsFile.Read(_fixture.File(file + ".output.safetensors")).Single();

        var logits = generated.Forward(module, new[] { Tensor.FromArray(input.Values, input.Shape.Select(d => (int)d).ToArray()) }).Single();

        Assert.Equal(expected.Shape.Select(d => (int)d), logits.Shape);
        OnnxExportTests.AssertClose(expected.Values, logits.ToArray(), file, Tolerance);
    }

    [Theory]
    [InlineData("resnet18", "ResNet18")]
    [InlineData("vgg16", "Vgg16")]
    public void Torchvision_weights_give_torchvisions_logits_on_torchsharp(string file, string model)
    {
        var generated = TorchSharpModels.Get(GeneratedModels.Models.Single(m => m.Model.Name == model && m.Id.StartsWith("Samples/Transfer/", StringComparison.Ordinal)).Id);
        using var module = generated.Create(seed: 1);
        generated.Invoke(module, "LoadPretrained", _fixture.File(file + ".safetensors"), WeightNameMap.Torchvision, Array.Empty<string>());
        module.eval();
        var input = SafetensorsFile.Read(_fixture.File(file + ".input.safetensors")).Single();
        var expected = SafetensorsFile.Read(_fixture.File(file + ".output.safetensors")).Single();

        var logits = generated.Forward(module, new[] { Tensor.FromArray(input.Values, input.Shape.Select(d => (int)d).ToArray()) }).Single();

        Assert.Equal(expected.Shape.Select(d => (int)d), logits.Shape);
        OnnxExportTests.AssertClose(expected.Values, logits.ToArray(), file + " on TorchSharp", Tolerance);
    }

    [Fact]
    public void Parts_load_the_base_and_leave_the_new_head_alone()
    {
        var generated = GeneratedModels.Models.Single(m => m.Model.Name == "ResNet18" && m.Id.StartsWith("Samples/Transfer/", StringComparison.Ordinal));
        var module = generated.Create(seed: 1);
        var head = module.GetParameter("task.dense_0.weight")!.ToArray();
        var file = SafetensorsFile.Read(_fixture.File("resnet18.safetensors")).ToDictionary(t => t.Name);

        generated.Invoke(module, "LoadPretrained", _fixture.File("resnet18.safetensors"), WeightNameMap.Torchvision, new[] { "stem", "learner" });

        Assert.Equal(file["conv1.weight"].Values, module.GetParameter("stem.conv2d_0.weight")!.ToArray());
        Assert.Equal(file["layer4.1.bn2.running_var"].Values, module.GetBuffer("learner.basic_group_2.basic_0.batchnorm_1.running_var")!.ToArray());
        Assert.Equal(file["layer2.0.downsample.0.weight"].Values, module.GetParameter("learner.basic_group_0.basic_down_0.conv2d_2.weight")!.ToArray());
        Assert.Equal(head, module.GetParameter("task.dense_0.weight")!.ToArray());
    }

    [Fact]
    public void A_pretrained_declaration_initialises_the_model_the_trainer_creates()
    {
        var path = _fixture.File("resnet18.safetensors");
        var model = System.IO.File.ReadAllText(System.IO.Path.Combine(Semantics.TestPaths.ProjectDirectory, "..", "..", "Samples", "Transfer", "Models", "resnet18.model"));
        var train = $$"""
            train ResNet18 as Transfer {
                pretrained("{{path}}", map: torchvision, parts: [stem, learner])
                loss: sparse_categorical_crossentropy
                optimizer: adam(lr: 0.001)
                freeze: [stem, learner]
            }
            """;
        var result = ModelCompiler.Compile(new[] { new SourceFile("transfer.model", model + train) }, CompilationOptions.Default with { Backend = Backend.Cpu });
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Equal(new[] { "stem", "learner" }, result.Trainings.Single().Pretrained.Single().Parts);
        var assembly = Emit.GeneratedCodeCompiler.Load(result.Sources.Select(s => s.Text));
        var trainerType = assembly.GetTypes().Single(t => t.Name == "TransferTrainer");

        var constructor = trainerType.GetConstructors().Single();
        var trainer = constructor.Invoke(constructor.GetParameters().Select(p => p.Name == "seed" ? (object?)3 : null).ToArray());
        var module = (ModelDsl.Runtime.Cpu.Modules.Module)trainerType.GetProperty("Model")!.GetValue(trainer)!;

        var file = SafetensorsFile.Read(path).ToDictionary(t => t.Name);
        Assert.Equal(file["layer3.1.conv2.weight"].Values, module.GetParameter("learner.basic_group_1.basic_0.conv2d_1.weight")!.ToArray());
    }

    [Fact]
    public void Weights_of_another_architecture_list_the_first_pairs_expected_versus_found()
    {
        var generated = GeneratedModels.Models.Single(m => m.Model.Name == "Vgg16" && m.Id.StartsWith("Samples/Transfer/", StringComparison.Ordinal));
        var module = generated.Create(seed: 1);
        var path = _fixture.File("resnet18.safetensors");

        var error = Assert.Throws<WeightFileException>(() => generated.Invoke(module, "LoadPretrained", path, WeightNameMap.Torchvision, new[] { "learner" }));

        Assert.Equal("learner.convs_0.conv2d_0.weight", error.Key);
        Assert.Contains("'learner.convs_0.conv2d_0.weight' expected [64, 3, 3, 3], found 'conv1.weight' [64, 3, 7, 7]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_layers_in_the_file_is_a_clear_error()
    {
        var generated = GeneratedModels.Models.Single(m => m.Model.Name == "ResNet18" && m.Id.StartsWith("Samples/Transfer/", StringComparison.Ordinal));
        var path = _fixture.File("vgg16.safetensors");

        var error = Assert.Throws<WeightFileException>(() => generated.Invoke(generated.Create(seed: 1), "LoadPretrained", path, WeightNameMap.Torchvision, Array.Empty<string>()));

        Assert.Contains("the file has 16 layers with weights and the model 41", error.Message, StringComparison.Ordinal);
    }
}
