using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Training;

/// <summary>
/// Checks one <c>train</c> declaration. The order follows the dependencies: the body's items are sorted first, then
/// the settings of the whole run (losses, metrics, validation, data — the monitors depend on them), then the defaults
/// and each stage's overrides, merged into fully resolved stages. Every check that does not depend on a failed one
/// still runs, so one error never hides an independent one.
/// </summary>
internal sealed partial class TrainDeclarationChecker
{
    private static readonly string[] BodyItems = TrainingCatalog.Settings.Concat(TrainingCatalog.Callbacks.Keys).Concat(new[] { "stage", "data", TrainingCatalog.Pretrained.Name }).ToArray();

    private readonly TrainDeclarationSyntax _train;
    private readonly TrainingModel? _model;
    private readonly List<Diagnostic> _diagnostics = new();
    private readonly CallResolver _resolver;

    // Known once the run-level settings are checked; null when they could not be (no model, invalid loss or metrics),
    // in which case monitors are not checked against them (no cascades).
    private HashSet<string>? _historyKeys;
    private bool _hasValidationData;

    private TrainDeclarationChecker(TrainDeclarationSyntax train, TrainingModel? model)
    {
        _train = train;
        _model = model;
        _resolver = new CallResolver(_diagnostics, ResolveSchedule);
    }

    private string TrainName => _train.Name.Name;

    public static TrainingCheckResult Check(TrainDeclarationSyntax train, TrainingModel? model, IReadOnlyCollection<string> declaredModels)
    {
        var checker = new TrainDeclarationChecker(train, model);
        var training = checker.Run(declaredModels);
        var diagnostics = checker._diagnostics
            .Distinct()
            .OrderBy(diagnostic => diagnostic.Span.Start)
            .ToEquatableArray();
        return new TrainingCheckResult(diagnostics.Any(diagnostic => diagnostic.IsError) ? null : training, diagnostics);
    }

    private CheckedTraining? Run(IReadOnlyCollection<string> declaredModels)
    {
        if (_model is null && !declaredModels.Contains(_train.Model.Name))
        {
            _diagnostics.Add(DiagnosticCatalog.UnknownTrainModel(_train.Model.Span, _train.Model.Name, NameSuggester.Suggest(_train.Model.Name, declaredModels)));
        }

        var body = Collect(_train.Items, inStage: false);

        // The whole run.
        var losses = CheckLosses(body);
        var metrics = CheckMetrics(body.Setting("metrics"), losses, out var historyKeys);
        var validationSplit = CheckValidationSplit(body.Setting("validation_split"));
        var validationSteps = body.Setting("validation_steps") is { } steps ? PositiveInteger(steps, DiagnosticCatalog.InvalidValidationSteps) : null;
        var seed = CheckSeed(body.Setting("seed"));
        _losses = losses;
        var data = CheckData(body.Data);
        var pretrained = body.Pretrained.Select(CheckPretrained).ToList();
        _hasValidationData = validationSplit > 0 || data?.Validation is not null;
        if (validationSplit > 0 && data?.Validation is not null)
        {
            _diagnostics.Add(DiagnosticCatalog.ValidationSplitIgnored(body.Settings["validation_split"].Span));
        }

        _historyKeys = historyKeys is null ? null : new HashSet<string>(historyKeys);

        // Defaults, then the stages.
        var defaults = CheckStageValues(body);
        var stageBodies = body.Stages.Select(stage => (Syntax: stage, Body: Collect(stage.Items, inStage: true))).ToList();
        if (!body.Settings.ContainsKey("optimizer") && (stageBodies.Count == 0 || stageBodies.Any(stage => !stage.Body.Settings.ContainsKey("optimizer"))))
        {
            _diagnostics.Add(DiagnosticCatalog.MissingOptimizer(_train.Name.Span, TrainName));
        }

        var stages = new List<CheckedStage>();
        if (stageBodies.Count == 0)
        {
            if (Merge("main", isImplicit: true, defaults, new StageValues(), _train.Name.Span, firstEpoch: 0) is { } main)
            {
                stages.Add(main);
            }
        }
        else
        {
            var firstEpoch = 0;
            foreach (var (syntax, stageBody) in stageBodies)
            {
                var overrides = CheckStageValues(stageBody);
                if (Merge(syntax.Name.Name, isImplicit: false, defaults, overrides, syntax.Name.Span, firstEpoch) is { } merged)
                {
                    if ((long)firstEpoch + merged.Epochs > TrainingCatalog.MaxEpochs)
                    {
                        _diagnostics.Add(DiagnosticCatalog.InvalidEpochs(syntax.Name.Span, $"stages adding up to more (stage {syntax.Name.Name} ends at epoch {(long)firstEpoch + merged.Epochs})"));
                        break;
                    }

                    stages.Add(merged);
                    firstEpoch += merged.Epochs;
                }
            }
        }

        if (_model is null || losses is null || metrics is null || historyKeys is null || _train.HasErrors || stages.Count != Math.Max(1, body.Stages.Count) || pretrained.Any(p => p is null))
        {
            return null;
        }

        return new CheckedTraining(
            TrainName,
            _train.Model.Name,
            TrainName + "Trainer",
            _train.Alias is not null,
            _train.Span.FilePath,
            DirectoryOf(_train.Span.FilePath),
            losses.ToEquatableArray(),
            metrics.ToEquatableArray(),
            historyKeys.ToEquatableArray(),
            validationSplit,
            seed,
            _hasValidationData,
            stages.ToEquatableArray(),
            data)
        {
            Pretrained = pretrained.Select(p => p!).ToEquatableArray(),
            Inputs = _model.Inputs,
            ValidationSteps = validationSteps,
        };
    }

    /// <summary>Sorts a body's items by kind; reports unknown, misplaced and repeated items when <paramref name="report"/>.</summary>
    private TrainBody Collect(EquatableArray<TrainItemSyntax> items, bool inStage, bool report = true)
    {
        var body = new TrainBody();
        var seen = new Dictionary<string, SourceSpan>();
        void Report(Diagnostic diagnostic)
        {
            if (report)
            {
                _diagnostics.Add(diagnostic);
            }
        }

        bool FirstTime(string key, SourceSpan span)
        {
            if (seen.TryGetValue(key, out var first))
            {
                Report(DiagnosticCatalog.DuplicateTrainSetting(span, key, first));
                return false;
            }

            seen[key] = span;
            return true;
        }

        foreach (var item in items)
        {
            switch (item)
            {
                case SettingSyntax setting when TrainingCatalog.Settings.Contains(setting.Key.Name):
                    if (inStage && !TrainingCatalog.StageSettings.Contains(setting.Key.Name))
                    {
                        Report(DiagnosticCatalog.SettingNotAllowedInStage(setting.Key.Span, setting.Key.Name));
                    }
                    else if (FirstTime(setting.Key.Name, setting.Key.Span))
                    {
                        body.Settings[setting.Key.Name] = setting;
                    }

                    break;
                case SettingSyntax setting:
                    Report(DiagnosticCatalog.UnknownTrainSetting(setting.Key.Span, setting.Key.Name, NameSuggester.Suggest(setting.Key.Name, BodyItems), BodyItems));
                    break;
                case TrainCallSyntax call when call.Call.Callee.Name == TrainingCatalog.Pretrained.Name:
                    if (inStage)
                    {
                        Report(DiagnosticCatalog.SettingNotAllowedInStage(call.Call.Callee.Span, call.Call.Callee.Name));
                    }
                    else
                    {
                        body.Pretrained.Add(call.Call);
                    }

                    break;
                case TrainCallSyntax call when TrainingCatalog.Callbacks.ContainsKey(call.Call.Callee.Name):
                    if (FirstTime(call.Call.Callee.Name, call.Call.Callee.Span))
                    {
                        body.Callbacks[call.Call.Callee.Name] = call.Call;
                    }

                    break;
                case TrainCallSyntax call:
                    Report(DiagnosticCatalog.UnknownTrainSetting(call.Call.Callee.Span, call.Call.Callee.Name, NameSuggester.Suggest(call.Call.Callee.Name, BodyItems), BodyItems));
                    break;
                case StageSyntax stage when !inStage:
                    var previous = body.Stages.FirstOrDefault(other => other.Name.Name == stage.Name.Name);
                    if (previous is not null)
                    {
                        Report(DiagnosticCatalog.DuplicateStage(stage.Name.Span, stage.Name.Name, previous.Name.Span));
                    }
                    else
                    {
                        body.Stages.Add(stage);
                    }

                    break;
                case DataSyntax data when !inStage:
                    if (FirstTime("data", data.Span))
                    {
                        body.Data = data;
                    }

                    break;
                case StageSyntax stage:
                    Report(DiagnosticCatalog.SettingNotAllowedInStage(stage.Name.Span, "stage"));
                    break;
                case DataSyntax data:
                    Report(DiagnosticCatalog.SettingNotAllowedInStage(data.Span, "data"));
                    break;
                default:
                    Report(DiagnosticCatalog.UnknownTrainSetting(item.Span, "augment", null, BodyItems));
                    break;
            }
        }

        return body;
    }

    /// <summary>A stage with every setting resolved: the stage's value, else the default, else the catalog default.</summary>
    private CheckedStage? Merge(string name, bool isImplicit, StageValues defaults, StageValues overrides, SourceSpan span, int firstEpoch)
    {
        T? Pick<T>(bool overridden, T? value, T? fallback) => overridden ? value : fallback;

        var epochs = overrides.EpochsGiven ? overrides.Epochs : defaults.EpochsGiven ? defaults.Epochs : TrainingCatalog.DefaultEpochs;
        var batchSize = overrides.BatchSizeGiven ? overrides.BatchSize : defaults.BatchSizeGiven ? defaults.BatchSize : TrainingCatalog.DefaultBatchSize;
        var stepsGiven = overrides.StepsPerEpochGiven || defaults.StepsPerEpochGiven;
        var steps = overrides.StepsPerEpochGiven ? overrides.StepsPerEpoch : defaults.StepsPerEpoch;
        var shuffle = overrides.ShuffleGiven ? overrides.Shuffle : defaults.ShuffleGiven ? defaults.Shuffle : true;
        var optimizer = Pick(overrides.OptimizerGiven, overrides.Optimizer, defaults.Optimizer);
        var scheduleGiven = overrides.ScheduleGiven || defaults.ScheduleGiven;
        var schedule = Pick(overrides.ScheduleGiven, overrides.Schedule, defaults.Schedule);
        var scheduleSpan = overrides.ScheduleGiven ? overrides.ScheduleSpan : defaults.ScheduleSpan;
        var freezeGiven = overrides.FreezeGiven || defaults.FreezeGiven;
        var freeze = Pick(overrides.FreezeGiven, overrides.Freeze, defaults.Freeze);
        var earlyGiven = overrides.EarlyStoppingGiven || defaults.EarlyStoppingGiven;
        var early = Pick(overrides.EarlyStoppingGiven, overrides.EarlyStopping, defaults.EarlyStopping);
        var checkpointGiven = overrides.CheckpointGiven || defaults.CheckpointGiven;
        var checkpoint = Pick(overrides.CheckpointGiven, overrides.Checkpoint, defaults.Checkpoint);

        if (optimizer is not null && schedule is not null && scheduleSpan is not null)
        {
            CheckCosineFloor(schedule, optimizer, scheduleSpan);
        }

        if (_model is not null && freeze is not null && _model.TrainableParameters > 0 && freeze.FrozenParameters >= _model.TrainableParameters)
        {
            _diagnostics.Add(DiagnosticCatalog.EverythingFrozen(span, name));
        }

        if (epochs is null || batchSize is null || (stepsGiven && steps is null) || shuffle is null || optimizer is null
            || (scheduleGiven && schedule is null) || (freezeGiven && freeze is null) || (earlyGiven && early is null)
            || (checkpointGiven && checkpoint is null) || _model is null)
        {
            return null;
        }

        var frozen = freeze?.FrozenParameters ?? 0;
        return new CheckedStage(
            name,
            isImplicit,
            epochs.Value,
            firstEpoch,
            batchSize.Value,
            steps,
            shuffle.Value,
            optimizer,
            schedule,
            freeze?.Paths ?? EquatableArray<string>.Empty,
            frozen,
            _model.TrainableParameters - frozen,
            _model.NonTrainableParameters + frozen,
            early,
            checkpoint);
    }

    private static string DirectoryOf(string path)
    {
        try
        {
            return System.IO.Path.GetDirectoryName(path) ?? string.Empty;
        }
        catch (ArgumentException)
        {
            // A path with characters the platform rejects: relative paths then resolve against the working directory.
            return string.Empty;
        }
    }
}
