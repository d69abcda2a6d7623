namespace ModelDsl.Compiler.Training;

/// <summary>
/// One training stage with every setting resolved: settings outside <c>stage</c> blocks are the defaults and a
/// stage overrides them. A <c>train</c> without stages has one implicit stage named <c>main</c>. Stages run in
/// order on the same model; the optimiser is rebuilt at each stage (its state does not carry over, as after a
/// Keras re-compile) and the epoch counter continues (<see cref="FirstEpoch"/>).
/// </summary>
/// <param name="Name">The stage name (<c>main</c> for the implicit one).</param>
/// <param name="IsImplicit">True when the train declaration has no stages.</param>
/// <param name="Epochs">Epochs of this stage.</param>
/// <param name="FirstEpoch">0-based index of the stage's first epoch across the whole run.</param>
/// <param name="BatchSize">Examples per batch (default 32, as Keras).</param>
/// <param name="StepsPerEpoch">Random batches drawn per epoch, or null for one pass over the training data.</param>
/// <param name="Shuffle">Reshuffle the training data every epoch (default true).</param>
/// <param name="Optimizer">The optimiser.</param>
/// <param name="Schedule">The learning-rate schedule, or null for a constant rate.</param>
/// <param name="Freeze">Frozen modules by qualified name (<c>stem</c>, <c>learner.residual_group_0</c>), redundant entries removed.</param>
/// <param name="FrozenParameterCount">Trainable parameters of the frozen modules.</param>
/// <param name="TrainableParameterCount">Parameters the optimiser updates in this stage.</param>
/// <param name="NonTrainableParameterCount">Keras convention: batchnorm running statistics plus frozen parameters.</param>
/// <param name="EarlyStopping">Early stopping, or null.</param>
/// <param name="Checkpoint">Checkpointing, or null.</param>
public sealed record CheckedStage(
    string Name,
    bool IsImplicit,
    int Epochs,
    int FirstEpoch,
    int BatchSize,
    int? StepsPerEpoch,
    bool Shuffle,
    CheckedOptimizer Optimizer,
    CheckedSchedule? Schedule,
    EquatableArray<string> Freeze,
    long FrozenParameterCount,
    long TrainableParameterCount,
    long NonTrainableParameterCount,
    CheckedEarlyStopping? EarlyStopping,
    CheckedCheckpoint? Checkpoint);
