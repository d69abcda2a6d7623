using System.Collections.Generic;

namespace ModelDsl.Compiler.Training;

/// <summary>
/// Everything a <c>train</c> declaration may name, with parameter types, defaults and valid ranges. The checker
/// resolves calls against these entries, so defaults live in exactly one place.
/// Optimiser defaults follow PyTorch (both backends implement PyTorch's update rules, so a model trains the same on
/// either): Adam-family eps is 1e-8, not Keras' 1e-7. Exceptions, chosen for Keras users: sgd's lr defaults to
/// 0.01 (PyTorch has no default), rmsprop uses Keras' lr = 0.001 and rho = 0.9.
/// </summary>
public static class TrainingCatalog
{
    private static readonly ArgumentValue Zero = new NumberValue(0);
    private static readonly ArgumentValue False = new BooleanValue(false);

    public static IReadOnlyDictionary<string, LossKind> Losses { get; } = new Dictionary<string, LossKind>
    {
        ["mse"] = LossKind.MeanSquaredError,
        ["mae"] = LossKind.MeanAbsoluteError,
        ["binary_crossentropy"] = LossKind.BinaryCrossEntropy,
        ["categorical_crossentropy"] = LossKind.CategoricalCrossEntropy,
        ["sparse_categorical_crossentropy"] = LossKind.SparseCategoricalCrossEntropy,
    };

    public static IReadOnlyDictionary<string, (OptimizerKind Kind, CallSpec Spec)> Optimizers { get; } = new Dictionary<string, (OptimizerKind, CallSpec)>
    {
        ["sgd"] = (OptimizerKind.Sgd, Call("sgd", "Stochastic gradient descent with optional (Nesterov) momentum.", Lr(0.01), Fraction("momentum", 0), Flag("nesterov"), Decay(0))),
        ["adam"] = (OptimizerKind.Adam, Call("adam", "Adam (Kingma & Ba).", Lr(0.001), Beta1(), Beta2(), Eps(1e-8), Decay(0), Flag("amsgrad"))),
        ["adamw"] = (OptimizerKind.AdamW, Call("adamw", "Adam with decoupled weight decay (Loshchilov & Hutter).", Lr(0.001), Beta1(), Beta2(), Eps(1e-8), Decay(0.01), Flag("amsgrad"))),
        ["rmsprop"] = (OptimizerKind.RmsProp, Call("rmsprop", "RMSprop (Keras defaults).", Lr(0.001), Fraction("rho", 0.9), Eps(1e-8), Fraction("momentum", 0), Flag("centered"), Decay(0))),
        ["adagrad"] = (OptimizerKind.Adagrad, Call("adagrad", "Adagrad.", Lr(0.01), NonNegative("lr_decay", 0), Decay(0), NonNegative("initial_accumulator", 0), Eps(1e-10))),
        ["adadelta"] = (OptimizerKind.Adadelta, Call("adadelta", "Adadelta (PyTorch defaults: lr = 1).", Lr(1.0), Fraction("rho", 0.9), Eps(1e-6), Decay(0))),
        ["adamax"] = (OptimizerKind.Adamax, Call("adamax", "Adamax (Adam with the infinity norm).", Lr(0.002), Beta1(), Beta2(), Eps(1e-8), Decay(0))),
        ["nadam"] = (OptimizerKind.NAdam, Call("nadam", "Adam with Nesterov momentum.", Lr(0.002), Beta1(), Beta2(), Eps(1e-8), Decay(0), NonNegative("momentum_decay", 0.004))),
    };

    public static IReadOnlyDictionary<string, (ScheduleKind Kind, CallSpec Spec)> Schedules { get; } = new Dictionary<string, (ScheduleKind, CallSpec)>
    {
        ["time_decay"] = (ScheduleKind.TimeDecay, Call("time_decay", "lr · 1 / (1 + decay · t).", Required("decay", ParameterType.Number, min: 0), Per())),
        ["linear_decay"] = (ScheduleKind.LinearDecay, Call("linear_decay", "lr − decay · t, never below min_lr.", Required("decay", ParameterType.Number, min: 0), NonNegative("min_lr", 0), Per())),
        ["step_decay"] = (ScheduleKind.StepDecay, Call("step_decay", "lr · rate^⌊t / every⌋.", Required("rate", ParameterType.Number, min: 0, minExclusive: true, max: 1), Required("every", ParameterType.Integer, min: 1), Per())),
        ["exponential"] = (ScheduleKind.Exponential, Call("exponential", "lr · gamma^t.", Required("gamma", ParameterType.Number, min: 0, minExclusive: true, max: 1), Per())),
        ["cosine"] = (ScheduleKind.Cosine, Call("cosine", "Cosine annealing from lr down to min_lr over period (default: the stage length).", NonNegative("min_lr", 0), Optional("period", ParameterType.Integer, min: 1), Per())),
        ["warmup"] = (ScheduleKind.Warmup, Call("warmup", "Linear warm-up over the first epochs (or steps), then another schedule.", Required("epochs", ParameterType.Integer, min: 1), Optional("then", ParameterType.Schedule), Per())),
    };

    public static IReadOnlyDictionary<string, (MetricKind Kind, CallSpec Spec)> Metrics { get; } = new Dictionary<string, (MetricKind, CallSpec)>
    {
        ["accuracy"] = (MetricKind.Accuracy, Call("accuracy", "Fraction of correct predictions (form chosen from the loss).")),
        ["top_k"] = (MetricKind.TopK, Call("top_k", "Fraction of examples whose class is among the k highest scores.", new ParameterSpec("k", ParameterType.Integer, new NumberValue(5), Min: 1))),
        ["mae"] = (MetricKind.MeanAbsoluteError, Call("mae", "Mean absolute error.")),
        ["mse"] = (MetricKind.MeanSquaredError, Call("mse", "Mean squared error.")),
        ["precision"] = (MetricKind.Precision, Call("precision", "Precision (binary at 0.5, or macro-averaged over classes).")),
        ["recall"] = (MetricKind.Recall, Call("recall", "Recall (binary at 0.5, or macro-averaged over classes).")),
    };

    public static CallSpec EarlyStopping { get; } = Call(
        "early_stopping",
        "Stops training when a monitored quantity stops improving.",
        new ParameterSpec("monitor", ParameterType.Monitor, new SymbolValue("val_loss")),
        new ParameterSpec("patience", ParameterType.Integer, Zero, Min: 0),
        NonNegative("min_delta", 0),
        new ParameterSpec("mode", ParameterType.Choice, new SymbolValue("auto"), Choices: EquatableArray.Create("auto", "min", "max")),
        Flag("restore_best"));

    public static CallSpec Checkpoint { get; } = Call(
        "checkpoint",
        "Saves weights, optimiser and schedule state and the epoch, so training resumes exactly.",
        Required("path", ParameterType.Text),
        Optional("monitor", ParameterType.Monitor),
        Flag("save_best_only"),
        new ParameterSpec("every", ParameterType.Integer, new NumberValue(1), Min: 1));

    /// <summary>
    /// <c>pretrained(path, map = none, parts = [...])</c>: initial weights from a safetensors file (a train body item, not a
    /// stage one). <c>parts</c> is a list of module names, checked against the model like <c>freeze</c>.
    /// </summary>
    public static CallSpec Pretrained { get; } = Call(
        "pretrained",
        "Initialises the model, or parts of it, from a pretrained safetensors weight file before training.",
        Required("path", ParameterType.Text),
        new ParameterSpec("map", ParameterType.Choice, new SymbolValue("none"), Choices: EquatableArray.Create("none", "torchvision")));

    /// <summary>The name of <see cref="Pretrained"/>'s list of parts (read from the syntax, like <c>freeze</c>).</summary>
    public const string PretrainedParts = "parts";

    /// <summary>The item calls of a train or stage body.</summary>
    public static IReadOnlyDictionary<string, CallSpec> Callbacks { get; } = new Dictionary<string, CallSpec>
    {
        ["early_stopping"] = EarlyStopping,
        ["checkpoint"] = Checkpoint,
    };

    public static IReadOnlyDictionary<string, (DataSourceKind Kind, CallSpec Spec)> DataSources { get; } = new Dictionary<string, (DataSourceKind, CallSpec)>
    {
        ["idx"] = (DataSourceKind.Idx, Call("idx", "MNIST-style IDX image and label files (optionally .gz).", Required("images", ParameterType.Text), Required("labels", ParameterType.Text))),
        ["folder"] = (DataSourceKind.Folder, Call("folder", "Images in one sub-folder per class.", Required("path", ParameterType.Text), Optional("size", ParameterType.Size), Color(), Resize(), Crop())),
        ["csv"] = (DataSourceKind.Csv, Call("csv", "A CSV file with one row per example: an image path column and a label column.", Required("file", ParameterType.Text), Column("path"), Column("label"), Optional("size", ParameterType.Size), Color(), Resize(), Crop())),
        ["table"] = (DataSourceKind.Table, Call("table", "A tabular CSV with one row per example: numeric feature columns and target columns.", Required("file", ParameterType.Text), Optional("features", ParameterType.Columns), Required("target", ParameterType.TargetColumns), new ParameterSpec("header", ParameterType.Boolean, new BooleanValue(true)), new ParameterSpec("delimiter", ParameterType.Text, new TextValue(",")))),
        ["json"] = (DataSourceKind.Json, Call("json", "A JSON array with one object per example: an image path field and a label field.", Required("file", ParameterType.Text), Column("path"), Column("label"), Optional("size", ParameterType.Size), Color(), Resize(), Crop())),
    };

    public static IReadOnlyDictionary<string, (NormalizationKind Kind, CallSpec Spec)> Normalizations { get; } = new Dictionary<string, (NormalizationKind, CallSpec)>
    {
        ["scale"] = (NormalizationKind.Scale, Call("scale", "x / divisor.", new ParameterSpec("divisor", ParameterType.Number, new NumberValue(255), Min: 0, MinExclusive: true))),
        ["range"] = (NormalizationKind.Range, Call("range", "Pixel values [0, 255] mapped linearly onto [min, max].", Required("min", ParameterType.Number), Required("max", ParameterType.Number))),
        ["standardize"] = (NormalizationKind.Standardize, Call("standardize", "Per-channel mean and standard deviation computed over the training data (one for all channels with global: true).", Flag("global"))),
        ["mean_std"] = (NormalizationKind.MeanStd, Call("mean_std", "(x / 255 − mean[c]) / std[c], one value per channel.", Required("mean", ParameterType.NumberList), Required("std", ParameterType.NumberList))),
    };

    public static IReadOnlyDictionary<string, (AugmentationKind Kind, CallSpec Spec)> Augmentations { get; } = new Dictionary<string, (AugmentationKind, CallSpec)>
    {
        ["flip"] = (AugmentationKind.Flip, Call("flip", "Random horizontal and/or vertical flips (probability 0.5 each).", Flag("horizontal"), Flag("vertical"))),
        ["rotate"] = (AugmentationKind.Rotate, Call("rotate", "Random rotation by up to ± degrees.", Required("degrees", ParameterType.Number, min: 0, minExclusive: true, max: 180))),
        ["shift"] = (AugmentationKind.Shift, Call("shift", "Random translation by up to ± a fraction of the width and height.", Fraction("width", 0), Fraction("height", 0))),
        ["zoom"] = (AugmentationKind.Zoom, Call("zoom", "Random zoom by factors in [min, max] (as Keras' zoom_range: above 1 zooms out).", Required("min", ParameterType.Number, min: 0, minExclusive: true), Required("max", ParameterType.Number, min: 0, minExclusive: true))),
        ["brightness"] = (AugmentationKind.Brightness, Call("brightness", "Random brightness factor in [min, max], clipped to [0, 255].", Required("min", ParameterType.Number, min: 0), Required("max", ParameterType.Number, min: 0))),
        ["shear"] = (AugmentationKind.Shear, Call("shear", "Random shear by an angle within ± degrees (Keras' shear_range).", new ParameterSpec("degrees", ParameterType.Number, Required: true, Min: 0, MinExclusive: true, Max: 90, MaxExclusive: true))),
        ["rot90"] = (AugmentationKind.Rot90, Call("rot90", "Random rotation by k quarter turns counter-clockwise, k drawn from the list.", new ParameterSpec("k", ParameterType.NumberList, new NumberListValue(EquatableArray.Create(0.0, 1.0, 2.0, 3.0))))),
    };

    /// <summary>The <c>key: value</c> settings of a train body.</summary>
    public static IReadOnlyList<string> Settings { get; } = new[]
    {
        "loss", "loss_weights", "optimizer", "schedule", "metrics", "epochs", "batch_size", "steps_per_epoch",
        "validation_split", "validation_steps", "shuffle", "seed", "freeze",
    };

    /// <summary>The settings a stage may override; the others describe the whole run.</summary>
    public static IReadOnlyList<string> StageSettings { get; } = new[]
    {
        "optimizer", "schedule", "epochs", "batch_size", "steps_per_epoch", "shuffle", "freeze",
    };

    /// <summary>The keys of a <c>data</c> body.</summary>
    public static IReadOnlyList<string> DataSettings { get; } = new[] { "train", "validation", "test", "test_split", "normalize" };

    /// <summary>The Keras defaults for settings not given.</summary>
    public const int DefaultEpochs = 1;

    public const int DefaultBatchSize = 32;

    /// <summary>Epochs over all stages at most, so epoch numbers stay far from overflow in every backend (MD4006 says 1,000,000).</summary>
    public const int MaxEpochs = 1_000_000;

    private static CallSpec Call(string name, string summary, params ParameterSpec[] parameters) => new(name, parameters, summary);

    private static ParameterSpec Lr(double value) => new("lr", ParameterType.Number, new NumberValue(value), Min: 0, MinExclusive: true);

    private static ParameterSpec Beta1() => Fraction("beta1", 0.9);

    private static ParameterSpec Beta2() => Fraction("beta2", 0.999);

    private static ParameterSpec Eps(double value) => new("eps", ParameterType.Number, new NumberValue(value), Min: 0, MinExclusive: true);

    private static ParameterSpec Decay(double value) => NonNegative("weight_decay", value);

    private static ParameterSpec Fraction(string name, double value) => new(name, ParameterType.Number, new NumberValue(value), Min: 0, Max: 1, MaxExclusive: true);

    private static ParameterSpec NonNegative(string name, double value) => new(name, ParameterType.Number, value == 0 ? Zero : new NumberValue(value), Min: 0);

    private static ParameterSpec Flag(string name) => new(name, ParameterType.Boolean, False);

    private static ParameterSpec Column(string name) => new(name, ParameterType.Column, new TextValue(name));

    /// <summary><c>resize: n</c>: the shorter side becomes n, keeping the aspect ratio (torchvision's Resize(n)).</summary>
    private static ParameterSpec Resize() => new("resize", ParameterType.Integer, Min: 1, NamedOnly: true);

    /// <summary><c>crop: (h, w)</c> or <c>crop: n</c>: a centre crop after any resize (torchvision's CenterCrop).</summary>
    private static ParameterSpec Crop() => new("crop", ParameterType.Size, NamedOnly: true);

    private static ParameterSpec Color() => new("color", ParameterType.Choice, Choices: EquatableArray.Create("rgb", "grayscale"));

    private static ParameterSpec Per() => new("per", ParameterType.Choice, new SymbolValue("epoch"), Choices: EquatableArray.Create("epoch", "step"), NamedOnly: true);

    private static ParameterSpec Required(string name, ParameterType type, double? min = null, bool minExclusive = false, double? max = null) =>
        new(name, type, Required: true, Min: min, MinExclusive: minExclusive, Max: max);

    private static ParameterSpec Optional(string name, ParameterType type, double? min = null) => new(name, type, Min: min);
}
