using System.Linq;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Compiler.Tests.Training;

/// <summary>Model views for the training tests, with the shapes and parameter counts the language spec gives.</summary>
internal static class TestModels
{
    /// <summary>LANGUAGE.md §3 MnistDnn: [1, 28, 28] → flatten → 512 relu → 512 relu → 10 softmax.</summary>
    public static TrainingModel MnistDnn() => Classifier("MnistDnn", "softmax", 10);

    /// <summary>A one-output model over [1, 28, 28] images ending in <paramref name="activation"/> with <paramref name="units"/> units.</summary>
    public static TrainingModel Classifier(string name, string? activation, long units) => new(
        name,
        EquatableArray.Create(new TrainingTensor("image", EquatableArray.Create<long?>(1, 28, 28), "[N, 1, 28, 28]")),
        EquatableArray.Create(new TrainingOutput(null, EquatableArray.Create<long?>(units), $"[N, {units}]", activation)),
        EquatableArray.Create(
            new TrainingModule("flatten_0", 0),
            new TrainingModule("dense_0", (784 * 512) + 512),
            new TrainingModule("dense_1", (512 * 512) + 512),
            new TrainingModule("dense_2", (512 * units) + units)),
        (784 * 512) + 512 + (512 * 512) + 512 + (512 * units) + units,
        0);

    /// <summary>A regression model over a feature vector (no image input).</summary>
    public static TrainingModel Regressor(string? activation = null) => new(
        "Regressor",
        EquatableArray.Create(new TrainingTensor("features", EquatableArray.Create<long?>(784), "[N, 784]")),
        EquatableArray.Create(new TrainingOutput(null, EquatableArray.Create<long?>(1), "[N, 1]", activation)),
        EquatableArray.Create(new TrainingModule("dense_0", 785)),
        785,
        0);

    /// <summary>LANGUAGE.md §3 AgeAndGender: [3] → dense 10 → dense 10 → age [5] softmax, gender [2] softmax.</summary>
    public static TrainingModel AgeAndGender(string genderActivation = "softmax", long genderUnits = 2) => new(
        "AgeAndGender",
        EquatableArray.Create(new TrainingTensor("measures", EquatableArray.Create<long?>(3), "[N, 3]")),
        EquatableArray.Create(
            new TrainingOutput("age", EquatableArray.Create<long?>(5), "[N, 5]", "softmax"),
            new TrainingOutput("gender", EquatableArray.Create<long?>(genderUnits), $"[N, {genderUnits}]", genderActivation)),
        EquatableArray.Create(
            new TrainingModule("dense_0", 40),
            new TrainingModule("dense_1", 110),
            new TrainingModule("dense_2", 55),
            new TrainingModule("dense_3", (10 * genderUnits) + genderUnits)),
        40 + 110 + 55 + (10 * genderUnits) + genderUnits,
        0);

    // Trainable parameters of the ResNet-like view's modules (made-up but consistent: parents sum their children).
    public const long StemParameters = 9_536;
    public const long Group0Parameters = 215_808;
    public const long Group1Parameters = 1_219_584;
    public const long LearnerParameters = Group0Parameters + Group1Parameters;
    public const long TaskParameters = 2_049_000;
    public const long BatchNormStatistics = 53_120;

    /// <summary>A composable model (stem / learner / task) over [3, 224, 224] with a 1000-class softmax.</summary>
    public static TrainingModel ResNet() => new(
        "ResNet50",
        EquatableArray.Create(new TrainingTensor("image", EquatableArray.Create<long?>(3, 224, 224), "[N, 3, 224, 224]")),
        EquatableArray.Create(new TrainingOutput(null, EquatableArray.Create<long?>(1000), "[N, 1000]", "softmax")),
        new[]
        {
            new TrainingModule("stem", StemParameters),
            new TrainingModule("stem.zeropad2d_0", 0),
            new TrainingModule("stem.conv2d_0", 9_408),
            new TrainingModule("stem.batchnorm_0", 128),
            new TrainingModule("learner", LearnerParameters),
            new TrainingModule("learner.residual_group_0", Group0Parameters),
            new TrainingModule("learner.residual_group_0.projection_0", 75_008),
            new TrainingModule("learner.residual_group_0.bottleneck_0", 70_400),
            new TrainingModule("learner.residual_group_0.bottleneck_1", 70_400),
            new TrainingModule("learner.residual_group_1", Group1Parameters),
            new TrainingModule("task", TaskParameters),
            new TrainingModule("task.global_avgpool2d_0", 0),
            new TrainingModule("task.dense_0", TaskParameters),
        }.ToEquatableArray(),
        StemParameters + LearnerParameters + TaskParameters,
        BatchNormStatistics);
}
