using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Training;

/// <summary>Scalar settings, optimisers, schedules, freeze lists and callbacks.</summary>
internal sealed partial class TrainDeclarationChecker
{
    /// <summary>Checks the stage-level settings one body writes (each syntax node is checked exactly once).</summary>
    private StageValues CheckStageValues(TrainBody body)
    {
        var values = new StageValues();
        if (body.Setting("epochs") is { } epochs)
        {
            values.EpochsGiven = true;
            values.Epochs = PositiveInteger(epochs, DiagnosticCatalog.InvalidEpochs, TrainingCatalog.MaxEpochs);
        }

        if (body.Setting("batch_size") is { } batchSize)
        {
            values.BatchSizeGiven = true;
            values.BatchSize = PositiveInteger(batchSize, DiagnosticCatalog.InvalidBatchSize);
        }

        if (body.Setting("steps_per_epoch") is { } steps)
        {
            values.StepsPerEpochGiven = true;
            values.StepsPerEpoch = PositiveInteger(steps, DiagnosticCatalog.InvalidStepsPerEpoch);
        }

        if (body.Setting("shuffle") is { } shuffle)
        {
            values.ShuffleGiven = true;
            if (shuffle is BooleanLiteralSyntax flag)
            {
                values.Shuffle = flag.Value;
            }
            else
            {
                _diagnostics.Add(DiagnosticCatalog.WrongTrainValueType(shuffle.Span, "shuffle", "true or false", SyntaxDescriber.Describe(shuffle)));
            }
        }

        if (body.Setting("optimizer") is { } optimizer)
        {
            values.OptimizerGiven = true;
            values.Optimizer = CheckOptimizer(optimizer);
        }

        if (body.Setting("schedule") is { } schedule)
        {
            values.ScheduleGiven = true;
            values.Schedule = ResolveSchedule(schedule);
            values.ScheduleSpan = schedule.Span;
        }

        if (body.Setting("freeze") is { } freeze)
        {
            values.FreezeGiven = true;
            values.Freeze = CheckFreeze(freeze);
        }

        if (body.Callbacks.TryGetValue("early_stopping", out var early))
        {
            values.EarlyStoppingGiven = true;
            values.EarlyStopping = CheckEarlyStopping(early);
        }

        if (body.Callbacks.TryGetValue("checkpoint", out var checkpoint))
        {
            values.CheckpointGiven = true;
            values.Checkpoint = CheckCheckpoint(checkpoint);
        }

        return values;
    }

    private int? PositiveInteger(ExpressionSyntax value, System.Func<SourceSpan, string, Diagnostic> report, int maximum = int.MaxValue)
    {
        if (value is IntegerLiteralSyntax { Value: >= 1 } integer && integer.Value <= maximum)
        {
            return integer.Value;
        }

        _diagnostics.Add(report(value.Span, SyntaxDescriber.Describe(value)));
        return null;
    }

    private double CheckValidationSplit(ExpressionSyntax? value)
    {
        if (value is null)
        {
            return 0;
        }

        if (SyntaxDescriber.Number(value) is { } split and >= 0 and < 1)
        {
            return split;
        }

        _diagnostics.Add(DiagnosticCatalog.InvalidValidationSplit(value.Span, SyntaxDescriber.Describe(value)));
        return 0;
    }

    private int? CheckSeed(ExpressionSyntax? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is IntegerLiteralSyntax { Value: >= 0 } seed)
        {
            return seed.Value;
        }

        _diagnostics.Add(DiagnosticCatalog.InvalidSeed(value.Span, SyntaxDescriber.Describe(value)));
        return null;
    }

    private CheckedOptimizer? CheckOptimizer(ExpressionSyntax value)
    {
        if (CalleeName(value, "optimizer", "an optimizer such as adam(lr: 0.001)") is not { } name)
        {
            return null;
        }

        if (!TrainingCatalog.Optimizers.TryGetValue(name, out var entry))
        {
            _diagnostics.Add(DiagnosticCatalog.UnknownOptimizer(value.Span, name, NameSuggester.Suggest(name, TrainingCatalog.Optimizers.Keys)));
            return null;
        }

        var resolved = _resolver.Resolve(entry.Spec, value);
        if (resolved.HasErrors)
        {
            return null;
        }

        var arguments = resolved.ToArray();
        if (entry.Kind == OptimizerKind.Sgd && arguments.Boolean("nesterov") && arguments.Number("momentum") == 0)
        {
            _diagnostics.Add(DiagnosticCatalog.NesterovWithoutMomentum(resolved.SpanOf("nesterov")));
            return null;
        }

        return new CheckedOptimizer(entry.Kind, name, arguments);
    }

    /// <summary>Checks a schedule (also the nested <c>then:</c> of warmup, through the resolver).</summary>
    private CheckedSchedule? ResolveSchedule(ExpressionSyntax value)
    {
        if (CalleeName(value, "schedule", "a schedule such as cosine() or step_decay(0.5, every: 10)") is not { } name)
        {
            return null;
        }

        if (!TrainingCatalog.Schedules.TryGetValue(name, out var entry))
        {
            _diagnostics.Add(DiagnosticCatalog.UnknownSchedule(value.Span, name, NameSuggester.Suggest(name, TrainingCatalog.Schedules.Keys)));
            return null;
        }

        var resolved = _resolver.Resolve(entry.Spec, value);
        if (resolved.HasErrors)
        {
            return null;
        }

        var arguments = resolved.ToArray();
        var per = arguments.Text("per") == "step" ? ScheduleUnit.Step : ScheduleUnit.Epoch;
        var then = (arguments.Find("then")?.Value as ScheduleValue)?.Schedule;
        var own = arguments.Where(argument => argument.Name is not ("per" or "then")).ToEquatableArray();
        return new CheckedSchedule(entry.Kind, name, own, per, then is null ? null : WithUnit(then, per));
    }

    // A nested schedule counts t in the same unit as the schedule that holds it.
    private static CheckedSchedule WithUnit(CheckedSchedule schedule, ScheduleUnit per) =>
        schedule with { Per = per, Then = schedule.Then is null ? null : WithUnit(schedule.Then, per) };

    private void CheckCosineFloor(CheckedSchedule schedule, CheckedOptimizer optimizer, SourceSpan span)
    {
        for (var current = schedule; current is not null; current = current.Then)
        {
            if (current.Kind == ScheduleKind.Cosine && current.Arguments.Number("min_lr") >= optimizer.LearningRate)
            {
                _diagnostics.Add(DiagnosticCatalog.CosineMinLrNotBelowLr(span, SyntaxDescriber.Format(current.Arguments.Number("min_lr")), SyntaxDescriber.Format(optimizer.LearningRate)));
            }
        }
    }

    /// <summary>The name of a call or a bare name; null (reported) for other values.</summary>
    private string? CalleeName(ExpressionSyntax value, string setting, string expected)
    {
        switch (value)
        {
            case NameExpressionSyntax bare:
                return bare.Name;
            case CallExpressionSyntax call:
                return call.Callee.Name;
            default:
                _diagnostics.Add(DiagnosticCatalog.WrongTrainValueType(value.Span, setting, expected, SyntaxDescriber.Describe(value)));
                return null;
        }
    }

    /// <summary>Resolves module paths against the model tree; drops entries already covered by an ancestor.</summary>
    private FreezeList? CheckFreeze(ExpressionSyntax value)
    {
        if (value is not ListExpressionSyntax list)
        {
            _diagnostics.Add(DiagnosticCatalog.WrongTrainValueType(value.Span, "freeze", "a list of module names such as [stem, learner.residual_group_0]", SyntaxDescriber.Describe(value)));
            return null;
        }

        var valid = true;
        var entries = new List<(string Path, SourceSpan Span, long Parameters)>();
        var modules = _model?.Modules.ToDictionary(module => module.Path, module => module.TrainableParameters);
        foreach (var element in list.Elements)
        {
            if (SyntaxDescriber.DottedPath(element) is not { } path)
            {
                _diagnostics.Add(DiagnosticCatalog.WrongTrainValueType(element.Span, "freeze", "a module name such as stem or learner.residual_group_0", SyntaxDescriber.Describe(element)));
                valid = false;
                continue;
            }

            if (modules is null)
            {
                continue;
            }

            if (!modules.TryGetValue(path, out var parameters))
            {
                var dot = path.LastIndexOf('.');
                var parent = dot > 0 ? path.Substring(0, dot) : null;
                var members = parent is not null && modules.ContainsKey(parent)
                    ? modules.Keys.Where(module => module.StartsWith(parent + ".", System.StringComparison.Ordinal) && module.IndexOf('.', parent.Length + 1) < 0).Select(module => module.Substring(parent.Length + 1)).ToList()
                    : null;
                _diagnostics.Add(DiagnosticCatalog.FreezeTargetNotFound(element.Span, path, _model!.Name, SuggestModule(path, modules.Keys), parent, members));
                valid = false;
                continue;
            }

            entries.Add((path, element.Span, parameters));
        }

        var kept = new List<(string Path, SourceSpan Span, long Parameters)>();
        foreach (var entry in entries)
        {
            var covering = entries.FirstOrDefault(other => other.Path != entry.Path && entry.Path.StartsWith(other.Path + ".", System.StringComparison.Ordinal)).Path
                ?? kept.FirstOrDefault(other => other.Path == entry.Path).Path;
            if (covering is not null)
            {
                _diagnostics.Add(DiagnosticCatalog.RedundantFreezeEntry(entry.Span, entry.Path, covering));
                continue;
            }

            kept.Add(entry);
        }

        return valid && modules is not null ? new FreezeList(kept.Select(entry => entry.Path).ToEquatableArray(), kept.Sum(entry => entry.Parameters)) : null;
    }

    // A bare layer name usually means the same name one section down (residual_group_0 → learner.residual_group_0).
    private static string? SuggestModule(string path, IEnumerable<string> modules)
    {
        var all = modules.ToList();
        var nested = all.Where(module => module.EndsWith("." + path, System.StringComparison.Ordinal)).OrderBy(module => module.Length).FirstOrDefault();
        return nested ?? NameSuggester.Suggest(path, all);
    }

    private CheckedEarlyStopping? CheckEarlyStopping(CallExpressionSyntax call)
    {
        var resolved = _resolver.Resolve(TrainingCatalog.EarlyStopping, call);
        if (resolved.HasErrors)
        {
            return null;
        }

        var arguments = resolved.ToArray();
        var monitor = CheckMonitor(arguments.Text("monitor")!, resolved.SpanOf("monitor"), arguments.Text("mode"));
        return monitor is null
            ? null
            : new CheckedEarlyStopping(monitor, arguments.Integer("patience"), arguments.Number("min_delta"), arguments.Boolean("restore_best"));
    }

    /// <summary><c>pretrained(path, map, parts: [...])</c>: the path and map through the catalog, the parts against the model tree.</summary>
    private CheckedPretrained? CheckPretrained(CallExpressionSyntax call)
    {
        var partsArgument = call.Arguments.FirstOrDefault(a => a.Name?.Name == TrainingCatalog.PretrainedParts);
        var rest = call with { Arguments = call.Arguments.Where(a => a != partsArgument).ToEquatableArray() };
        var resolved = _resolver.Resolve(TrainingCatalog.Pretrained, rest);
        var parts = new List<string>();
        var valid = !resolved.HasErrors;
        if (partsArgument is not null)
        {
            if (partsArgument.Value is not ListExpressionSyntax list)
            {
                _diagnostics.Add(DiagnosticCatalog.WrongTrainValueType(partsArgument.Value.Span, "pretrained parts", "a list of module names such as [stem, learner]", SyntaxDescriber.Describe(partsArgument.Value)));
                return null;
            }

            var modules = _model?.Modules.ToDictionary(module => module.Path, module => module.TrainableParameters);
            foreach (var element in list.Elements)
            {
                if (SyntaxDescriber.DottedPath(element) is not { } path)
                {
                    _diagnostics.Add(DiagnosticCatalog.WrongTrainValueType(element.Span, "pretrained parts", "a module name such as stem or learner.residual_group_0", SyntaxDescriber.Describe(element)));
                    valid = false;
                    continue;
                }

                if (modules is null)
                {
                    continue;
                }

                if (!modules.TryGetValue(path, out var parameters))
                {
                    _diagnostics.Add(DiagnosticCatalog.PretrainedPartNotFound(element.Span, path, _model!.Name, SuggestModule(path, modules.Keys)));
                    valid = false;
                    continue;
                }

                if (parameters == 0)
                {
                    _diagnostics.Add(DiagnosticCatalog.PretrainedPartWithoutWeights(element.Span, path));
                    valid = false;
                    continue;
                }

                parts.Add(path);
            }
        }

        if (!valid || _model is null)
        {
            return null;
        }

        var arguments = resolved.ToArray();
        return new CheckedPretrained(arguments.Text("path")!, arguments.Text("map")!, parts.ToEquatableArray());
    }

    private CheckedCheckpoint? CheckCheckpoint(CallExpressionSyntax call)
    {
        var resolved = _resolver.Resolve(TrainingCatalog.Checkpoint, call);
        if (resolved.HasErrors)
        {
            return null;
        }

        var arguments = resolved.ToArray();
        var saveBestOnly = arguments.Boolean("save_best_only");
        var monitorName = arguments.Text("monitor") ?? (saveBestOnly ? "val_loss" : null);
        CheckedMonitor? monitor = null;
        if (monitorName is not null)
        {
            monitor = CheckMonitor(monitorName, resolved.SpanOf("monitor"), null);
            if (monitor is null)
            {
                return null;
            }
        }

        var path = arguments.Text("path")!;
        var quantities = _historyKeys is null ? null : new HashSet<string>(_historyKeys.SelectMany(key => new[] { key, "val_" + key }));
        var parts = CheckpointPattern.Parse(path, quantities, out var problem, out var usesMonitor);
        if (parts is null)
        {
            _diagnostics.Add(DiagnosticCatalog.BadCheckpointPattern(resolved.SpanOf("path"), path, problem!));
            return null;
        }

        if (usesMonitor && monitor is null)
        {
            _diagnostics.Add(DiagnosticCatalog.MonitorPlaceholderWithoutMonitor(resolved.SpanOf("path")));
            return null;
        }

        return new CheckedCheckpoint(path, parts.Value, monitor, saveBestOnly, arguments.Integer("every"));
    }
}
