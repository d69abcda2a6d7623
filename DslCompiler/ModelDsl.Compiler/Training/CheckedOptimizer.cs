namespace ModelDsl.Compiler.Training;

/// <summary>A checked optimiser with every hyper-parameter resolved (given or the catalog default, in catalog order):
/// sgd(lr, momentum, nesterov, weight_decay); adam/adamw/adamax(lr, beta1, beta2, eps, weight_decay[, amsgrad]);
/// nadam(…, momentum_decay); rmsprop(lr, rho, eps, momentum, centered, weight_decay); adagrad(lr, lr_decay,
/// weight_decay, initial_accumulator, eps); adadelta(lr, rho, eps, weight_decay). See docs/training.md for the defaults.</summary>
public sealed record CheckedOptimizer(OptimizerKind Kind, string Name, EquatableArray<ResolvedArgument> Arguments)
{
    /// <summary>The base learning rate (schedules scale it).</summary>
    public double LearningRate => Arguments.Number("lr");

    public override string ToString() => Name + "(" + string.Join(", ", Arguments) + ")";
}
