using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using ModelDsl.Runtime.Augmentation;
using ModelDsl.Runtime.Callbacks;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Metrics;
using ModelDsl.Runtime.Preprocessing;
using ModelDsl.Runtime.Progress;
using ModelDsl.Runtime.Reporting;
using ModelDsl.Runtime.Schedules;

namespace ModelDsl.Runtime.Training;

/// <summary>
/// The backend-neutral training loop both backends' generated trainers call. Per epoch: learning rate from the
/// schedule, batches (shuffled or drawn, from seed + epoch), augmentation (training only), normalisation
/// (training statistics), <see cref="ITrainingSession.TrainBatch"/>, metrics, validation, history, callbacks,
/// checkpoints, progress. Every random choice is a function of (seed, epoch), and checkpoints hold the rest of
/// the state, so a run resumed from a checkpoint produces the same result as an uninterrupted one.
/// </summary>
public static class TrainingLoop
{
    /// <summary>Trains <paramref name="session"/> on <paramref name="train"/>, validating on <paramref name="validation"/> (or a split of <paramref name="train"/>).</summary>
    public static TrainingResult Fit(ITrainingSession session, Dataset train, Dataset? validation, TrainingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        if (train.Count == 0)
        {
            throw new DataException("The training data is empty.");
        }

        var progress = options.Progress ?? ProgressReporters.ForConsole();
        if (validation is null && options.ValidationSplit > 0)
        {
            // Keras' validation_split: the last fraction of the data as given, before any shuffling.
            var all = train.Count;
            (train, validation) = train.SplitLast(options.ValidationSplit);
            progress.Message($"validation_split {Fraction(options.ValidationSplit)}: the last {validation.Count:N0} of {all:N0} examples are the validation data.");
        }

        if (options.ValidationSteps is { } validationSteps)
        {
            if (validation is null)
            {
                progress.Message($"validation_steps {validationSteps} is ignored: there is no validation data (set validation_split or pass a validation set).");
            }
            else
            {
                validation = FirstBatches(validation, validationSteps, options.BatchSize, progress);
            }
        }

        CheckInputs(options, train, "training");
        CheckTargets(session, train, "training", options);
        if (validation is not null)
        {
            CheckInputs(options, validation, "validation");
            CheckTargets(session, validation, "validation", options);
        }

        var history = new History();
        var context = new TrainingContext(session, options, history, progress);
        var normalizers = options.Normalizers ?? FitNormalizers(options.Normalization, train);
        var augmenter = options.Augmentation.Count > 0 ? new Augmenter(options.Augmentation) : null;
        if (augmenter is not null && !train.Inputs.Any(c => c.ExampleShape.Length == 3 && !c.IsClassIndices))
        {
            throw new TrainingException(
                $"augment {{ }} works on image inputs [C, H, W], but the inputs are {string.Join(", ", train.Inputs.Select(c => $"{c.Name} [{string.Join(", ", c.ExampleShape)}]"))}; remove the augmentation.");
        }
        var baseRate = options.LearningRate ?? session.LearningRate;
        var startEpoch = options.InitialEpoch;
        var seed = options.Seed;
        var callbacks = options.Callbacks;
        var stateKeys = StateKeys(callbacks);

        CheckMonitors(session, options, validation is not null);
        if (options.ResumeFrom is { } resume)
        {
            var state = CheckpointFile.Load(resume, session, out var snapshots);
            startEpoch = state.EpochsCompleted;
            context.GlobalStep = state.GlobalStep;
            history.AddRange(state.History);
            baseRate = state.BaseLearningRate;
            if (state.Normalizers.Count == train.Inputs.Count)
            {
                normalizers = state.Normalizers;
            }

            for (var i = 0; i < callbacks.Count; i++)
            {
                if (state.CallbackStates.TryGetValue(stateKeys[i], out var saved))
                {
                    callbacks[i].LoadState(saved);
                }

                if (snapshots.TryGetValue(stateKeys[i], out var weights))
                {
                    callbacks[i].SavedWeights = weights;
                }
            }

            if (state.Seed != seed)
            {
                progress.Message($"Note: checkpoint '{resume}' was trained with seed {state.Seed}; continuing with seed {seed}, so the run will not match an uninterrupted one.");
            }

            context.LastCheckpoint = resume;
            progress.Message($"Resumed from '{resume}' after epoch {startEpoch}.");
        }

        var stepsPerEpoch = options.StepsPerEpoch ?? ((train.Count + options.BatchSize - 1) / options.BatchSize);
        var schedule = options.Schedule ?? LearningRateSchedule.Constant;
        // Each stage starts its schedule at t = 0 (a later stage passes InitialEpoch); t is a function of the epoch
        // and step within the stage, so resuming needs no schedule state beyond the epoch.
        var stageEpochs = options.Epochs - options.InitialEpoch;
        var scheduleTotal = schedule.PerStep ? (long)stepsPerEpoch * stageEpochs : stageEpochs;
        var outputNames = session.OutputNames;
        var metricSpecs = options.Metrics;
        var needOutputs = metricSpecs.Count > 0;
        var pool = new BatchPool();

        return progress.Run(() =>
        {
            using var resident = augmenter is null && session is IResidentInputSession keeper ? keeper.KeepInputs(WholeInputs(train, normalizers)) : null;
            foreach (var callback in callbacks)
            {
                callback.OnTrainBegin(context);
            }

            var epochsCompleted = startEpoch;
            for (var e = startEpoch; e < options.Epochs && !context.StopRequested; e++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    context.RequestStop(StopReason.Requested, $"Training cancelled before epoch {e + 1}.");
                    break;
                }

                var epoch = e + 1;
                var clock = Stopwatch.StartNew();
                if (!schedule.PerStep)
                {
                    session.LearningRate = schedule.Rate(baseRate, e - options.InitialEpoch, scheduleTotal);
                }

                var lastGood = options.RestoreWeightsOnNonFiniteLoss ? session.SnapshotWeights() : null;
                foreach (var callback in callbacks)
                {
                    callback.OnEpochBegin(context, epoch);
                }

                var batches = options.StepsPerEpoch is { } steps
                    ? BatchIterator.DrawIndices(train.Count, options.BatchSize, steps, seed, e)
                    : BatchIterator.EpochIndices(train.Count, options.BatchSize, options.Shuffle, seed, e);
                var augmentRandom = SeededRandom.For(seed, e, RandomStream.Augment);
                var accumulator = new EpochAccumulator(outputNames, metricSpecs);
                progress.EpochStarted(epoch, options.Epochs, batches.Length);
                for (var b = 0; b < batches.Length; b++)
                {
                    if (schedule.PerStep)
                    {
                        session.LearningRate = schedule.Rate(baseRate, ((long)(e - options.InitialEpoch) * batches.Length) + b, scheduleTotal);
                    }

                    var batch = resident is not null
                        ? train.GetTargets(batches[b], pool) with { ResidentInputs = resident }
                        : Prepare(train, batches[b], normalizers, augmenter, augmentRandom, pool);
                    var result = session.TrainBatch(batch, needOutputs);
                    context.GlobalStep++;
                    if (!IsFinite(result))
                    {
                        return StopOnNonFiniteLoss(context, callbacks, lastGood, result, epoch, b + 1, batches.Length, epochsCompleted, normalizers);
                    }

                    accumulator.Add(batch, result);
                    pool.Return(batch);
                    progress.BatchCompleted(b + 1, batches.Length, accumulator.Logs(string.Empty));
                }

                var logs = accumulator.Logs(string.Empty);
                if (validation is not null)
                {
                    foreach (var (key, value) in Evaluate(session, validation, options.BatchSize, metricSpecs, normalizers, pool))
                    {
                        logs["val_" + key] = value;
                    }
                }

                logs["learning_rate"] = session.LearningRate;
                history.Add(epoch, logs);
                epochsCompleted = epoch;
                context.EpochNotGood = NotGood(session, logs);
                foreach (var callback in callbacks)
                {
                    callback.OnEpochEnd(context, epoch, logs);
                }

                // A checkpoint is "last good" only if the epoch's losses (training and validation, every output) and
                // every weight are finite: such an epoch is recorded in the history but never checkpointed, and the
                // previous checkpoint stays the one to resume from.
                var requests = context.TakeCheckpointRequests().ToList();
                // Checked again for a good epoch: a callback may have changed the weights since.
                if (requests.Count > 0 && (context.EpochNotGood ?? NotGood(session, logs)) is { } why)
                {
                    progress.Message(
                        $"No checkpoint for epoch {epoch} ('{requests[0].Path}' not written): {why}. " +
                        (context.LastCheckpoint is { } previous ? $"The last good checkpoint is still '{previous}'." : "No checkpoint has been written yet."));
                    requests.Clear();
                }

                foreach (var (path, replaces) in requests)
                {
                    CheckpointFile.Save(path, CaptureState(context, epoch, seed, baseRate, normalizers, callbacks, stateKeys), session, SavedWeights(callbacks, stateKeys));
                    context.LastCheckpoint = path;
                    DeleteSuperseded(replaces, path);
                }

                progress.EpochCompleted(epoch, options.Epochs, logs, clock.Elapsed);
            }

            foreach (var callback in callbacks)
            {
                callback.OnTrainEnd(context);
            }

            var message = context.StopMessage ?? $"Training finished after {epochsCompleted} epoch{(epochsCompleted == 1 ? string.Empty : "s")}.";
            if (context.StopRequested)
            {
                progress.Message(message);
            }

            return new TrainingResult(history, context.StopReason, message, epochsCompleted, context.LastCheckpoint, normalizers);
        });
    }

    /// <summary>
    /// Loss and metrics over <paramref name="data"/> in evaluation mode (keys without the <c>val_</c> prefix),
    /// averaged per example; inputs are normalised with <paramref name="normalizers"/> and never augmented.
    /// </summary>
    public static Dictionary<string, double> Evaluate(
        ITrainingSession session, Dataset data, int batchSize, IReadOnlyList<MetricSpec>? metrics = null, IReadOnlyList<Normalizer>? normalizers = null, BatchPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(data);
        metrics ??= [];
        var accumulator = new EpochAccumulator(session.OutputNames, metrics);
        pool ??= new BatchPool();
        foreach (var indices in BatchIterator.EpochIndices(data.Count, batchSize, shuffle: false, seed: 0, epoch: 0))
        {
            var batch = Prepare(data, indices, normalizers, null, null, pool);
            accumulator.Add(batch, session.EvaluateBatch(batch, metrics.Count > 0));
            pool.Return(batch);
        }

        return accumulator.Logs(string.Empty);
    }

    /// <summary>Model outputs for every example of <paramref name="data"/>, one array per output ([N, ...] row-major).</summary>
    public static IReadOnlyList<float[]> Predict(ITrainingSession session, Dataset data, int batchSize = 256, IReadOnlyList<Normalizer>? normalizers = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(data);
        var parts = session.OutputNames.Select(_ => new List<float>()).ToArray();
        foreach (var indices in BatchIterator.EpochIndices(data.Count, batchSize, shuffle: false, seed: 0, epoch: 0))
        {
            var outputs = session.Predict(Prepare(data, indices, normalizers, null, null));
            for (var o = 0; o < parts.Length; o++)
            {
                parts[o].AddRange(outputs[o]);
            }
        }

        return [.. parts.Select(p => p.ToArray())];
    }

    /// <summary>One normaliser per input column, fitted on the training data (identity when there is no normalisation).</summary>
    public static IReadOnlyList<Normalizer> FitNormalizers(Normalization? normalization, Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return [.. train.Inputs.Select(c => normalization is null || c.IsClassIndices ? Normalizer.Identity : normalization.Fit(c))];
    }

    /// <summary>
    /// Gathers a batch and applies augmentation (when given) and normalisation to its inputs. With a
    /// <paramref name="pool"/>, the arrays are reused once the batch is returned to it.
    /// </summary>
    public static Batch Prepare(Dataset data, int[] indices, IReadOnlyList<Normalizer>? normalizers, Augmenter? augmenter, SeededRandom? random, BatchPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var batch = data.GetBatch(indices, pool);
        for (var i = 0; i < batch.Inputs.Count; i++)
        {
            var input = batch.Inputs[i];
            if (augmenter is not null && random is not null && input.Shape.Length == 4)
            {
                augmenter.Apply(input, random);
            }

            if (normalizers is not null && i < normalizers.Count)
            {
                normalizers[i].Apply(input);
            }
        }

        return batch;
    }

    /// <summary>
    /// Every example's inputs as one batch tensor per column, normalised as <see cref="Prepare"/> normalises a batch
    /// (the same code, so the same values); a column the normaliser leaves as it is is passed without a copy.
    /// </summary>
    private static BatchTensor[] WholeInputs(Dataset data, IReadOnlyList<Normalizer> normalizers)
    {
        var inputs = new BatchTensor[data.Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var column = data.Inputs[i];
            var normalizer = i < normalizers.Count ? normalizers[i] : Normalizer.Identity;
            if (column.IsClassIndices)
            {
                inputs[i] = BatchTensor.FromClasses(column.Name, column.ClassIndices!, column.ClassCount);
            }
            else if (normalizer.IsIdentity)
            {
                inputs[i] = BatchTensor.FromValues(column.Name, [data.Count, .. column.ExampleShape], column.Values!);
            }
            else
            {
                inputs[i] = BatchTensor.FromValues(column.Name, [data.Count, .. column.ExampleShape], (float[])column.Values!.Clone());
                normalizer.Apply(inputs[i]);
            }
        }

        return inputs;
    }

    private static TrainingResult StopOnNonFiniteLoss(
        TrainingContext context, IReadOnlyList<ITrainingCallback> callbacks, object? lastGood, BatchResult result,
        int epoch, int step, int steps, int epochsCompleted, IReadOnlyList<Normalizer> normalizers)
    {
        if (lastGood is not null)
        {
            context.Session.RestoreWeights(lastGood);
        }

        var which = double.IsNaN(result.Loss) ? "NaN" : !double.IsFinite(result.Loss) ? "infinite" : "NaN or infinite for one output";
        var message =
            $"Training stopped: the loss became {which} at epoch {epoch}, step {step}/{steps}. " +
            (lastGood is not null ? $"The weights were restored to the start of epoch {epoch}. " : string.Empty) +
            (context.LastCheckpoint is { } checkpoint ? $"The last good checkpoint is '{checkpoint}'. " : "No checkpoint was written. ") +
            "Try a lower learning rate, normalize the inputs, or check the data for NaN or infinite values.";
        context.RequestStop(StopReason.NonFiniteLoss, message);
        foreach (var callback in callbacks)
        {
            callback.OnTrainEnd(context);
        }

        context.Progress.Message(message);
        return new TrainingResult(context.History, StopReason.NonFiniteLoss, message, epochsCompleted, context.LastCheckpoint, normalizers);
    }

    /// <summary>Deletes a superseded best checkpoint; one that cannot be deleted is left (it is a stale copy, not a failure).</summary>
    private static void DeleteSuperseded(string? replaces, string written)
    {
        if (replaces is null || string.Equals(Path.GetFullPath(replaces), Path.GetFullPath(written), StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            File.Delete(replaces);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Keeping an old best file is harmless; failing the run over it would not be.
        }
    }

    /// <summary>Why the weights after this epoch are no "last good" checkpoint (a non-finite loss or weight), or null.</summary>
    private static string? NotGood(ITrainingSession session, IReadOnlyDictionary<string, double> logs)
    {
        if (logs.FirstOrDefault(l => l.Key.EndsWith("loss", StringComparison.Ordinal) && !double.IsFinite(l.Value)) is { Key: { } loss } entry)
        {
            return $"{loss} is {(double.IsNaN(entry.Value) ? "NaN" : "infinite")}";
        }

        return session.FindNonFiniteWeight() is { } weight ? $"the weight '{weight}' holds NaN or infinite values" : null;
    }

    internal static bool LossesFinite(IReadOnlyDictionary<string, double> logs) =>
        logs.Where(l => l.Key.EndsWith("loss", StringComparison.Ordinal)).All(l => double.IsFinite(l.Value));

    private static bool IsFinite(BatchResult result) =>
        double.IsFinite(result.Loss) && (result.OutputLosses is null || result.OutputLosses.All(double.IsFinite));

    private static TrainingState CaptureState(
        TrainingContext context, int epochsCompleted, int seed, double baseRate, IReadOnlyList<Normalizer> normalizers,
        IReadOnlyList<ITrainingCallback> callbacks, IReadOnlyList<string> stateKeys)
    {
        var states = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        for (var i = 0; i < callbacks.Count; i++)
        {
            if (callbacks[i].SaveState() is { } state)
            {
                states[stateKeys[i]] = state;
            }
        }

        var history = new History();
        history.AddRange(context.History);
        return new TrainingState(epochsCompleted, context.GlobalStep, seed, baseRate, history, states, normalizers);
    }

    private static Dictionary<string, object> SavedWeights(IReadOnlyList<ITrainingCallback> callbacks, IReadOnlyList<string> stateKeys)
    {
        var weights = new Dictionary<string, object>();
        for (var i = 0; i < callbacks.Count; i++)
        {
            if (callbacks[i].SavedWeights is { } snapshot)
            {
                weights[stateKeys[i]] = snapshot;
            }
        }

        return weights;
    }

    private static string[] StateKeys(IReadOnlyList<ITrainingCallback> callbacks)
    {
        var keys = new string[callbacks.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < callbacks.Count; i++)
        {
            var key = callbacks[i].StateKey;
            keys[i] = seen.Add(key) ? key : $"{key}#{i}";
        }

        return keys;
    }

    private static void Validate(TrainingOptions options)
    {
        if (options.Epochs <= 0)
        {
            throw new TrainingException($"epochs must be at least 1; got {options.Epochs}.");
        }

        if (options.BatchSize <= 0)
        {
            throw new TrainingException($"batch_size must be at least 1; got {options.BatchSize}.");
        }

        if (options.StepsPerEpoch is <= 0)
        {
            throw new TrainingException($"steps_per_epoch must be at least 1; got {options.StepsPerEpoch}.");
        }

        if (options.ValidationSplit is < 0 or >= 1 || double.IsNaN(options.ValidationSplit))
        {
            throw new TrainingException($"validation_split must be in [0, 1); got {options.ValidationSplit.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (options.ValidationSteps is <= 0)
        {
            throw new TrainingException($"validation_steps must be at least 1; got {options.ValidationSteps}.");
        }

        if (options.InitialEpoch < 0 || options.InitialEpoch > options.Epochs)
        {
            throw new TrainingException($"The initial epoch {options.InitialEpoch} is outside 0..{options.Epochs}.");
        }
    }

    /// <summary>
    /// <c>validation_steps</c>: the first <paramref name="steps"/> batches of the validation data (Keras evaluates that many
    /// batches from the start of the unshuffled validation data every epoch). With fewer batches, all of it is used.
    /// </summary>
    private static Dataset FirstBatches(Dataset validation, int steps, int batchSize, IProgressReporter progress)
    {
        var batches = (validation.Count + batchSize - 1) / batchSize;
        if (steps >= batches)
        {
            if (steps > batches)
            {
                progress.Message($"validation_steps {steps}: the validation data has only {batches:N0} batch{(batches == 1 ? string.Empty : "es")} of {batchSize}; all {validation.Count:N0} examples are evaluated.");
            }

            return validation;
        }

        var count = steps * batchSize;
        progress.Message($"validation_steps {steps}: the first {count:N0} of {validation.Count:N0} validation examples ({steps} batch{(steps == 1 ? string.Empty : "es")} of {batchSize}) are evaluated each epoch.");
        return validation.Select([.. Enumerable.Range(0, count)]);
    }

    private static string Fraction(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The data's input columns against the model's inputs, so a wrong shape is one clear error, not a failure deep in a layer.</summary>
    private static void CheckInputs(TrainingOptions options, Dataset data, string role)
    {
        if (options.InputShapes is not { } inputs)
        {
            return;
        }

        if (data.Inputs.Count != inputs.Count)
        {
            throw new TrainingException(
                $"The {role} data has {data.Inputs.Count} input column{(data.Inputs.Count == 1 ? string.Empty : "s")} but the model has " +
                $"{inputs.Count} input{(inputs.Count == 1 ? string.Empty : "s")} ({string.Join(", ", inputs.Select(i => i.Name))}); give one input column per model input.");
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var column = data.Inputs[i];
            if (!inputs[i].Accepts(column.ExampleShape))
            {
                throw new TrainingException(
                    $"The {role} data's input column '{column.Name}' holds examples of shape [{string.Join(", ", column.ExampleShape)}], but the model's input " +
                    $"'{inputs[i].Name}' takes {inputs[i]} per example; reshape the data or change the input declaration.");
            }
        }
    }

    private static void CheckTargets(ITrainingSession session, Dataset data, string role, TrainingOptions options)
    {
        if (data.Targets.Count != session.OutputNames.Count)
        {
            throw new TrainingException(
                $"The {role} data has {data.Targets.Count} target column{(data.Targets.Count == 1 ? string.Empty : "s")} but the model has " +
                $"{session.OutputNames.Count} output{(session.OutputNames.Count == 1 ? string.Empty : "s")} ({string.Join(", ", session.OutputNames)}); give one target per output.");
        }

        for (var i = 0; i < data.Targets.Count && i < options.OutputClassCounts.Count; i++)
        {
            var column = data.Targets[i];
            if (options.OutputClassCounts[i] is not { } units)
            {
                continue;
            }

            var classes = column.IsClassIndices ? column.ClassCount : column.ExampleShape.Length == 1 ? column.ExampleShape[0] : units;
            if (classes > units)
            {
                var names = data.ClassNames.Count > 0 ? $" ({string.Join(", ", data.ClassNames.Take(20))})" : string.Empty;
                var output = session.OutputNames.Count == 1 ? "the model's output" : $"output '{session.OutputNames[i]}'";
                throw new TrainingException(
                    $"The {role} data has {classes} classes{names} but {output} has {units} units; change the output layer or the data.");
            }
        }
    }

    private static void CheckMonitors(ITrainingSession session, TrainingOptions options, bool hasValidation)
    {
        var keys = EpochAccumulator.KeysFor(session.OutputNames, options.Metrics).ToList();
        var available = keys.Concat(hasValidation ? keys.Select(k => "val_" + k) : []).Append("learning_rate").ToList();
        foreach (var callback in options.Callbacks)
        {
            if (callback.Monitor is { } monitor && !available.Contains(monitor))
            {
                var hint = monitor.StartsWith("val_", StringComparison.Ordinal) && !hasValidation && available.Contains(monitor[4..])
                    ? " There is no validation data: pass a validation set or set validation_split."
                    : string.Empty;
                throw new TrainingException(
                    $"{callback.StateKey} monitors '{monitor}', which this training does not produce; available: {string.Join(", ", available)}.{hint}");
            }
        }
    }
}
