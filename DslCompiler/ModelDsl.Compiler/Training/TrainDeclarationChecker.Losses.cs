using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Training;

/// <summary>Losses (with the logits decision), loss weights, metrics and monitors.</summary>
internal sealed partial class TrainDeclarationChecker
{
    private static readonly Dictionary<LossKind, string> LossNames = TrainingCatalog.Losses.ToDictionary(pair => pair.Value, pair => pair.Key);

    /// <summary>One loss per output, or null when the loss is missing, invalid or the model is unknown.</summary>
    private List<CheckedLoss>? CheckLosses(TrainBody body)
    {
        if (!body.Settings.TryGetValue("loss", out var setting))
        {
            _diagnostics.Add(DiagnosticCatalog.MissingLoss(_train.Name.Span, TrainName));
            CheckLossWeights(body.Setting("loss_weights"));
            return null;
        }

        // Per output: the loss and the span to report output mismatches at.
        var perOutput = new Dictionary<string, (LossKind Kind, SourceSpan Span)>();
        LossKind? single = null;
        var valid = true;
        switch (setting.Value)
        {
            case MapExpressionSyntax map:
                foreach (var entry in map.Entries)
                {
                    var kind = LossKindOf(entry.Value);
                    if (!ValidOutputKey(entry.Key, Earlier(map, entry)))
                    {
                        valid = false;
                        continue;
                    }

                    if (kind is null)
                    {
                        valid = false;
                        continue;
                    }

                    perOutput[entry.Key.Name] = (kind.Value, entry.Value.Span);
                }

                if (_model is not null && valid)
                {
                    var missing = _model.Outputs.Where(output => output.Name is null || !perOutput.ContainsKey(output.Name)).Select(output => output.DisplayName).ToList();
                    if (missing.Count > 0)
                    {
                        _diagnostics.Add(DiagnosticCatalog.LossMapIncomplete(map.Span, _model.Name, missing));
                        valid = false;
                    }
                }

                break;
            default:
                single = LossKindOf(setting.Value);
                valid = single is not null;
                break;
        }

        var weights = CheckLossWeights(body.Setting("loss_weights"));
        if (!valid || weights is null || _model is null)
        {
            return null;
        }

        var losses = new List<CheckedLoss>();
        for (var index = 0; index < _model.Outputs.Count; index++)
        {
            var output = _model.Outputs[index];
            var (kind, span) = single is { } all ? (all, setting.Value.Span) : perOutput[output.Name!];
            var weight = output.Name is not null && weights.TryGetValue(output.Name, out var given) ? given : 1.0;
            if (DecideLoss(output, index, kind, weight, span) is { } loss)
            {
                losses.Add(loss);
            }
            else
            {
                valid = false;
            }
        }

        return valid ? losses : null;
    }

    /// <summary>The loss a name stands for; null (reported) for anything else.</summary>
    private LossKind? LossKindOf(ExpressionSyntax value)
    {
        var name = value switch
        {
            NameExpressionSyntax bare => bare.Name,
            CallExpressionSyntax call => call.Callee.Name,
            _ => null,
        };
        if (name is null)
        {
            _diagnostics.Add(DiagnosticCatalog.WrongTrainValueType(value.Span, "loss", "a loss name such as mse, or a map { output: loss } for several outputs", SyntaxDescriber.Describe(value)));
            return null;
        }

        if (!TrainingCatalog.Losses.TryGetValue(name, out var kind))
        {
            _diagnostics.Add(DiagnosticCatalog.UnknownLoss(value.Span, name, NameSuggester.Suggest(name, TrainingCatalog.Losses.Keys)));
            return null;
        }

        // Losses take no arguments; resolving against an empty signature reports any that are given.
        return _resolver.Resolve(new CallSpec(name, EquatableArray<ParameterSpec>.Empty, string.Empty), value).HasErrors ? null : kind;
    }

    /// <summary>True when <paramref name="key"/> names an output not named before; reports it otherwise.</summary>
    private bool ValidOutputKey(IdentifierSyntax key, IEnumerable<IdentifierSyntax> earlier)
    {
        var first = earlier.FirstOrDefault(other => other.Name == key.Name);
        if (first is not null)
        {
            _diagnostics.Add(DiagnosticCatalog.DuplicateTrainSetting(key.Span, key.Name, first.Span));
            return false;
        }

        if (_model is not null && !_model.Outputs.Any(output => output.Name == key.Name))
        {
            var names = _model.Outputs.Where(output => output.Name is not null).Select(output => output.Name!).ToList();
            _diagnostics.Add(DiagnosticCatalog.UnknownTrainOutput(
                key.Span,
                key.Name,
                _model.Name,
                NameSuggester.Suggest(key.Name, names),
                names.Count > 0 ? names : new List<string> { "one unnamed output (write the loss without a map)" }));
            return false;
        }

        return true;
    }

    private static IEnumerable<IdentifierSyntax> Earlier(MapExpressionSyntax map, MapEntrySyntax entry) =>
        map.Entries.TakeWhile(other => !ReferenceEquals(other, entry)).Select(other => other.Key);

    /// <summary>loss_weights as a map output → weight ≥ 0; an empty map when absent, null when invalid.</summary>
    private Dictionary<string, double>? CheckLossWeights(ExpressionSyntax? value)
    {
        var weights = new Dictionary<string, double>();
        if (value is null)
        {
            return weights;
        }

        if (value is not MapExpressionSyntax map)
        {
            _diagnostics.Add(DiagnosticCatalog.WrongTrainValueType(value.Span, "loss_weights", "a map { output: weight }", SyntaxDescriber.Describe(value)));
            return null;
        }

        var valid = true;
        foreach (var entry in map.Entries)
        {
            if (!ValidOutputKey(entry.Key, Earlier(map, entry)))
            {
                valid = false;
                continue;
            }

            if (SyntaxDescriber.Number(entry.Value) is not { } weight)
            {
                _diagnostics.Add(DiagnosticCatalog.WrongTrainValueType(entry.Value.Span, "loss_weights", "a number", SyntaxDescriber.Describe(entry.Value)));
                valid = false;
            }
            else if (weight < 0)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidLossWeight(entry.Value.Span, entry.Key.Name, SyntaxDescriber.Describe(entry.Value)));
                valid = false;
            }
            else
            {
                weights[entry.Key.Name] = weight;
            }
        }

        return valid ? weights : null;
    }

    /// <summary>
    /// Checks a loss against its output and makes the logits decision. Cross-entropies never read probabilities:
    /// with a final softmax/sigmoid the trainer reads the tensor before it (fused log-softmax + NLL, or BCE with
    /// logits); without one the output already is logits. Regression losses read the output as forward returns it.
    /// </summary>
    private CheckedLoss? DecideLoss(TrainingOutput output, int index, LossKind kind, double weight, SourceSpan span)
    {
        var name = LossNames[kind];
        var activation = output.FinalActivation;
        var classes = output.Dims.Count > 0 ? output.Dims[0] : null;
        CheckedLoss Make(LossFormula formula, TargetKind targets, bool fromPreActivation, int? classCount = null) =>
            new(output.Name, index, kind, name, weight, formula, targets, fromPreActivation, activation, classCount);

        // The cross-entropies read classes on the one example axis; a dense layer on [steps, features] keeps the steps.
        if (kind is not (LossKind.MeanSquaredError or LossKind.MeanAbsoluteError) && output.Dims.Count > 1)
        {
            _diagnostics.Add(DiagnosticCatalog.ClassificationLossOnManyAxes(span, name, output.Phrase, output.ShapeText));
            return null;
        }

        switch (kind)
        {
            case LossKind.MeanSquaredError:
            case LossKind.MeanAbsoluteError:
                if (activation is "softmax" or "sigmoid" or "log_softmax")
                {
                    _diagnostics.Add(DiagnosticCatalog.RegressionLossOnSquashingOutput(span, name, output.Phrase, activation));
                }

                return Make(kind == LossKind.MeanSquaredError ? LossFormula.MeanSquaredError : LossFormula.MeanAbsoluteError, TargetKind.Values, false);

            case LossKind.BinaryCrossEntropy:
                if (activation is "sigmoid" or null)
                {
                    return Make(LossFormula.BinaryCrossEntropyWithLogits, TargetKind.Binary, activation is not null);
                }

                // Element-wise BCE over a 2-class softmax with one-hot targets is exactly categorical cross-entropy
                // (both terms equal −t·log p of the true class), so train it in the fused, stable form.
                if (activation == "softmax" && output.Dims.Count == 1 && classes == 2)
                {
                    _diagnostics.Add(DiagnosticCatalog.BinaryCrossEntropyOnTwoClassSoftmax(span, output.Phrase));
                    return Make(LossFormula.SoftmaxCrossEntropy, TargetKind.OneHot, true, 2);
                }

                _diagnostics.Add(DiagnosticCatalog.LossOutputMismatch(
                    span,
                    name,
                    output.Phrase + " " + output.ShapeText,
                    "sigmoid probabilities or logits (no final activation)",
                    activation,
                    activation is "softmax" or "log_softmax"
                        ? "use categorical_crossentropy (one-hot targets) or sparse_categorical_crossentropy (class indices) with softmax, or end in sigmoid for yes/no and multi-label targets"
                        : $"replace {activation} with sigmoid or remove it"));
                return null;

            default:
                var targets = kind == LossKind.CategoricalCrossEntropy ? TargetKind.OneHot : TargetKind.ClassIndex;
                if (activation is not ("softmax" or "log_softmax" or null))
                {
                    _diagnostics.Add(DiagnosticCatalog.LossOutputMismatch(
                        span,
                        name,
                        output.Phrase + " " + output.ShapeText,
                        "softmax probabilities over the classes or logits (no final activation)",
                        activation,
                        activation == "sigmoid"
                            ? "use softmax for one class out of several, or binary_crossentropy for independent yes/no labels"
                            : $"replace {activation} with softmax or remove it"));
                    return null;
                }

                if (classes is < 2)
                {
                    _diagnostics.Add(DiagnosticCatalog.TooFewClasses(span, name, output.Phrase, output.ShapeText));
                    return null;
                }

                var count = classes is { } known ? (int?)known : null;
                return activation == "log_softmax"
                    ? Make(LossFormula.NegativeLogLikelihood, targets, false, count)
                    : Make(LossFormula.SoftmaxCrossEntropy, targets, activation is not null, count);
        }
    }

    /// <summary>Metrics per output: a list applies to every output, a map { output: [metrics] } to the named ones.
    /// Null when invalid or when the losses (which decide each metric's form) are not known.</summary>
    private List<CheckedMetric>? CheckMetrics(ExpressionSyntax? value, List<CheckedLoss>? losses, out List<string>? historyKeys)
    {
        // The history keys depend only on the output names and the metric names, so monitors can be checked even
        // when a loss is wrong.
        var keys = _model is null ? null : new List<string> { "loss" };
        if (_model is { Outputs.Count: > 1 })
        {
            keys!.AddRange(_model.Outputs.Select(output => output.Name + "_loss"));
        }

        var perOutput = new List<(string? Output, EquatableArray<ExpressionSyntax> Metrics)>();
        var valid = true;
        switch (value)
        {
            case null:
                break;
            case ListExpressionSyntax list:
                perOutput.Add((null, list.Elements));
                break;
            case MapExpressionSyntax map:
                foreach (var entry in map.Entries)
                {
                    if (!ValidOutputKey(entry.Key, Earlier(map, entry)))
                    {
                        valid = false;
                    }
                    else if (entry.Value is ListExpressionSyntax entries)
                    {
                        perOutput.Add((entry.Key.Name, entries.Elements));
                    }
                    else
                    {
                        _diagnostics.Add(DiagnosticCatalog.WrongTrainValueType(entry.Value.Span, "metrics", "a list such as [accuracy]", SyntaxDescriber.Describe(entry.Value)));
                        valid = false;
                    }
                }

                break;
            default:
                _diagnostics.Add(DiagnosticCatalog.WrongTrainValueType(value.Span, "metrics", "a list such as [accuracy, top_k(5)]", SyntaxDescriber.Describe(value)));
                historyKeys = null;
                return null;
        }

        var metrics = new List<CheckedMetric>();
        foreach (var (outputName, elements) in perOutput)
        {
            var seen = new Dictionary<string, SourceSpan>();
            foreach (var element in elements)
            {
                var resolved = ResolveMetric(element);
                if (resolved is null)
                {
                    valid = false;
                    continue;
                }

                var (kind, k) = resolved.Value;
                var baseKey = BaseMetricKey(kind, k);
                if (seen.TryGetValue(baseKey, out var first))
                {
                    _diagnostics.Add(DiagnosticCatalog.DuplicateTrainSetting(element.Span, baseKey, first));
                    valid = false;
                    continue;
                }

                seen[baseKey] = element.Span;
                if (_model is not null)
                {
                    var outputs = _model.Outputs.Where(output => outputName is null || output.Name == outputName).ToList();
                    keys!.AddRange(outputs.Select(output => _model.Outputs.Count > 1 ? output.Name + "_" + baseKey : baseKey));
                }

                if (losses is null)
                {
                    continue;
                }

                foreach (var loss in losses.Where(loss => outputName is null || loss.OutputName == outputName))
                {
                    if (CheckMetric(element, kind, k, loss, losses.Count > 1) is { } metric)
                    {
                        metrics.Add(metric);
                    }
                    else
                    {
                        valid = false;
                    }
                }
            }
        }

        historyKeys = valid ? keys : null;
        return valid && losses is not null ? metrics : null;
    }

    private (MetricKind Kind, int? K)? ResolveMetric(ExpressionSyntax element)
    {
        var name = element switch
        {
            NameExpressionSyntax bare => bare.Name,
            CallExpressionSyntax call => call.Callee.Name,
            _ => null,
        };
        if (name is null)
        {
            _diagnostics.Add(DiagnosticCatalog.WrongTrainValueType(element.Span, "metrics", "a metric name such as accuracy or top_k(5)", SyntaxDescriber.Describe(element)));
            return null;
        }

        // Keras' spelling: "acc" is an alias of "accuracy" (the history records it as accuracy).
        if (name == "acc")
        {
            name = "accuracy";
        }

        if (!TrainingCatalog.Metrics.TryGetValue(name, out var entry))
        {
            _diagnostics.Add(DiagnosticCatalog.UnknownMetric(element.Span, name, NameSuggester.Suggest(name, TrainingCatalog.Metrics.Keys)));
            return null;
        }

        var resolved = _resolver.Resolve(entry.Spec, element);
        if (resolved.HasErrors)
        {
            return null;
        }

        return (entry.Kind, entry.Kind == MetricKind.TopK ? resolved.ToArray().Integer("k") : null);
    }

    private CheckedMetric? CheckMetric(ExpressionSyntax element, MetricKind kind, int? k, CheckedLoss loss, bool prefixed)
    {
        var form = loss.Targets switch
        {
            TargetKind.Binary => MetricForm.Binary,
            TargetKind.OneHot => MetricForm.OneHot,
            TargetKind.ClassIndex => MetricForm.ClassIndex,
            _ => MetricForm.Values,
        };
        var output = loss.OutputName is null ? "the output" : "output " + loss.OutputName;
        var baseKey = BaseMetricKey(kind, k);
        switch (kind)
        {
            case MetricKind.MeanAbsoluteError:
            case MetricKind.MeanSquaredError:
                form = MetricForm.Values;
                break;
            case MetricKind.TopK when form is MetricForm.Binary or MetricForm.Values:
                _diagnostics.Add(DiagnosticCatalog.MetricOutputMismatch(element.Span, "top_k", output, "a categorical output (categorical or sparse categorical cross-entropy)", "the loss " + loss.Name));
                return null;
            case MetricKind.TopK when loss.ClassCount is { } classes && k >= classes:
                _diagnostics.Add(DiagnosticCatalog.TopKTooLarge(element.Span, k!.Value, output, classes));
                return null;
            case MetricKind.Accuracy or MetricKind.Precision or MetricKind.Recall when form == MetricForm.Values:
                _diagnostics.Add(DiagnosticCatalog.ClassificationMetricOnRegression(element.Span, baseKey, output, loss.Name));
                break;
        }

        var name = kind == MetricKind.TopK ? "top_k" : baseKey;
        var logits = loss.FinalActivation is null && loss.Targets != TargetKind.Values;
        return new CheckedMetric(loss.OutputName, kind, name, k, form, prefixed ? loss.OutputName + "_" + baseKey : baseKey, logits);
    }

    private static string BaseMetricKey(MetricKind kind, int? k) => kind switch
    {
        MetricKind.Accuracy => "accuracy",
        MetricKind.TopK => "top_" + k + "_accuracy",
        MetricKind.MeanAbsoluteError => "mae",
        MetricKind.MeanSquaredError => "mse",
        MetricKind.Precision => "precision",
        _ => "recall",
    };

    /// <summary>Checks a monitor name against the history keys and resolves its mode.</summary>
    private CheckedMonitor? CheckMonitor(string name, SourceSpan span, string? explicitMode)
    {
        // Keras' spellings: acc and val_acc are aliases of accuracy and val_accuracy (and of each output's *_acc).
        if (name == "acc" || name.EndsWith("_acc", System.StringComparison.Ordinal))
        {
            name += "uracy";
        }

        var isValidation = name.StartsWith("val_", System.StringComparison.Ordinal);
        var key = isValidation ? name.Substring(4) : name;
        if (_historyKeys is null)
        {
            // The model, loss or metrics failed: what the history records is unknown, so say nothing more.
            return null;
        }

        if (!_historyKeys.Contains(key))
        {
            var available = _historyKeys.SelectMany(k => new[] { k, "val_" + k }).ToList();
            _diagnostics.Add(DiagnosticCatalog.UnknownMonitor(span, name, NameSuggester.Suggest(name, available), available));
            return null;
        }

        if (isValidation && !_hasValidationData)
        {
            _diagnostics.Add(DiagnosticCatalog.ValidationMonitorWithoutValidationData(span, name));
        }

        var natural = key == "loss" || key.EndsWith("_loss", System.StringComparison.Ordinal) || key is "mae" or "mse"
            || key.EndsWith("_mae", System.StringComparison.Ordinal) || key.EndsWith("_mse", System.StringComparison.Ordinal)
            ? MonitorMode.Min
            : MonitorMode.Max;
        var mode = explicitMode switch
        {
            "min" => MonitorMode.Min,
            "max" => MonitorMode.Max,
            _ => natural,
        };
        if (mode != natural)
        {
            _diagnostics.Add(DiagnosticCatalog.MonitorModeContradiction(span, explicitMode!, name, natural == MonitorMode.Min ? "min" : "max"));
        }

        return new CheckedMonitor(name, key, isValidation, mode);
    }
}
