using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Training;

/// <summary>The <c>data { }</c> section: sources, normalisation and augmentation, checked against the model input.</summary>
internal sealed partial class TrainDeclarationChecker
{
    // The checked losses, which say per output whether a table's target columns hold classes or values.
    private IReadOnlyList<CheckedLoss>? _losses;

    private CheckedData? CheckData(DataSyntax? data)
    {
        if (data is null)
        {
            return null;
        }

        var valid = true;
        var seen = new Dictionary<string, SourceSpan>();
        var sources = new Dictionary<string, CheckedDataSource>();
        CheckedNormalization? normalization = null;
        var augmentations = new List<CheckedAugmentation>();
        var testSplit = 0.0;
        var input = SingleInput(data.Span, out var inputValid);
        valid &= inputValid;
        foreach (var item in data.Items)
        {
            var (key, keySpan) = item switch
            {
                SettingSyntax setting => (setting.Key.Name, setting.Key.Span),
                AugmentSyntax augment => ("augment", augment.Span),
                StageSyntax stage => ("stage", stage.Name.Span),
                TrainCallSyntax call => (call.Call.Callee.Name, call.Call.Callee.Span),
                _ => ("data", item.Span),
            };
            if (!(TrainingCatalog.DataSettings.Contains(key) && item is SettingSyntax) && !(key == "augment" && item is AugmentSyntax))
            {
                _diagnostics.Add(DiagnosticCatalog.UnknownDataSetting(keySpan, key, NameSuggester.Suggest(key, TrainingCatalog.DataSettings.Concat(new[] { "augment" }))));
                valid = false;
                continue;
            }

            if (seen.TryGetValue(key, out var first))
            {
                _diagnostics.Add(DiagnosticCatalog.DuplicateTrainSetting(keySpan, key, first));
                valid = false;
                continue;
            }

            seen[key] = keySpan;
            switch (item)
            {
                case SettingSyntax { Key.Name: "test_split" } setting:
                    if (SyntaxDescriber.Number(setting.Value) is { } fraction and > 0 and < 1)
                    {
                        testSplit = fraction;
                    }
                    else
                    {
                        _diagnostics.Add(DiagnosticCatalog.InvalidTestSplit(setting.Value.Span, SyntaxDescriber.Describe(setting.Value)));
                        valid = false;
                    }

                    break;
                case SettingSyntax { Key.Name: "normalize" } setting:
                    normalization = CheckNormalization(setting.Value, input);
                    valid &= normalization is not null;
                    break;
                case SettingSyntax setting:
                    var source = CheckDataSource(setting.Value, input);
                    if (source is null)
                    {
                        valid = false;
                    }
                    else
                    {
                        sources[key] = source;
                    }

                    break;
                case AugmentSyntax augment:
                    foreach (var transform in augment.Transforms)
                    {
                        if (CheckAugmentation(transform, input) is { } checkedAugmentation)
                        {
                            augmentations.Add(checkedAugmentation);
                        }
                        else
                        {
                            valid = false;
                        }
                    }

                    break;
            }
        }

        if (seen.TryGetValue("test_split", out var testSplitSpan))
        {
            if (seen.ContainsKey("test"))
            {
                _diagnostics.Add(DiagnosticCatalog.TestSplitWithTestSource(testSplitSpan));
                valid = false;
            }

            if (!seen.ContainsKey("train"))
            {
                _diagnostics.Add(DiagnosticCatalog.TestSplitWithoutTrain(testSplitSpan));
                valid = false;
            }
        }

        return valid
            ? new CheckedData(
                sources.TryGetValue("train", out var train) ? train : null,
                sources.TryGetValue("validation", out var validation) ? validation : null,
                sources.TryGetValue("test", out var test) ? test : null,
                normalization,
                augmentations.ToEquatableArray())
            {
                TestSplit = testSplit,
            }
            : null;
    }

    /// <summary>The model's only input, or null when the model is unknown (or has several inputs: reported).</summary>
    private TrainingTensor? SingleInput(SourceSpan span, out bool valid)
    {
        valid = true;
        if (_model is null)
        {
            return null;
        }

        if (_model.Inputs.Count != 1)
        {
            _diagnostics.Add(DiagnosticCatalog.DataNeedsSingleInput(span, _model.Name, _model.Inputs.Count));
            valid = false;
            return null;
        }

        return _model.Inputs[0];
    }

    private CheckedDataSource? CheckDataSource(ExpressionSyntax value, TrainingTensor? input)
    {
        if (CalleeName(value, "data source", "a data source such as idx(images: \"…\", labels: \"…\") or folder(\"…\")") is not { } name)
        {
            return null;
        }

        if (!TrainingCatalog.DataSources.TryGetValue(name, out var entry))
        {
            _diagnostics.Add(DiagnosticCatalog.UnknownDataSource(value.Span, name, NameSuggester.Suggest(name, TrainingCatalog.DataSources.Keys)));
            return null;
        }

        var resolved = _resolver.Resolve(entry.Spec, value);
        if (resolved.HasErrors)
        {
            return null;
        }

        if (entry.Kind == DataSourceKind.Table)
        {
            return CheckTableSource(resolved, input) ? new CheckedDataSource(entry.Kind, name, resolved.ToArray()) : null;
        }

        if (entry.Kind != DataSourceKind.Idx && !CheckImageSource(resolved, input))
        {
            return null;
        }

        return new CheckedDataSource(entry.Kind, name, resolved.ToArray());
    }

    /// <summary>
    /// A table feeds a feature vector [F] and one target per output. Where the columns are written they are checked
    /// here: the feature count against F, the target map against the outputs, and each output's column count against
    /// its loss (one class column for a categorical loss, one column per output value otherwise).
    /// </summary>
    private bool CheckTableSource(ResolvedCall source, TrainingTensor? input)
    {
        var arguments = source.ToArray();
        if (input is not null && input.Dims.Count != 1)
        {
            _diagnostics.Add(DiagnosticCatalog.DataInputMismatch(source.Span, "table", "a feature vector input [F]", "the model input " + input.ShapeText));
            return false;
        }

        var valid = true;
        var features = arguments.Find("features")?.Value as ColumnsValue;
        if (features is not null && input?.Dims[0] is { } width && features.Columns.Count != width)
        {
            _diagnostics.Add(DiagnosticCatalog.TableFeaturesMismatch(
                source.SpanOf("features"),
                $"list {features.Columns.Count} column{(features.Columns.Count == 1 ? string.Empty : "s")} but the model input {input.ShapeText} takes {width}",
                $"list {width} feature columns, or leave features out to use every column that is not a target"));
            valid = false;
        }

        var targets = (TargetColumnsValue)arguments.Find("target")!.Value;
        var seen = new HashSet<ColumnRef>();
        foreach (var column in (features?.Columns ?? EquatableArray<ColumnRef>.Empty).Concat(targets.Targets.SelectMany(t => t.Columns)))
        {
            if (!seen.Add(column))
            {
                _diagnostics.Add(DiagnosticCatalog.TableColumnTwice(source.Span, column.ToString()));
                valid = false;
            }
        }

        if (_model is null)
        {
            return valid;
        }

        var outputs = _model.Outputs;
        var names = outputs.Select(o => o.DisplayName).ToList();
        if (outputs.Count > 1 && targets.Targets.Any(t => t.Output is null))
        {
            _diagnostics.Add(DiagnosticCatalog.TableTargetsMismatch(source.SpanOf("target"), $"must name a column per output of {_model.Name}", $"write target: {{ {string.Join(", ", names.Select(n => n + ": COLUMN"))} }}"));
            return false;
        }

        foreach (var target in targets.Targets.Where(t => t.Output is not null && !names.Contains(t.Output)))
        {
            var suggestion = NameSuggester.Suggest(target.Output!, names);
            _diagnostics.Add(DiagnosticCatalog.TableTargetsMismatch(source.SpanOf("target"), $"names '{target.Output}', which is not an output of {_model.Name}", suggestion is null ? $"the outputs are {string.Join(", ", names)}" : $"did you mean '{suggestion}'?"));
            valid = false;
        }

        for (var o = 0; o < outputs.Count; o++)
        {
            var output = outputs[o];
            var entry = targets.Targets.FirstOrDefault(t => t.Output == output.DisplayName || (outputs.Count == 1 && t.Output is null));
            if (entry is null)
            {
                _diagnostics.Add(DiagnosticCatalog.TableTargetsMismatch(source.SpanOf("target"), $"has no column for {output.Phrase}", $"add {output.DisplayName}: COLUMN to the target map"));
                valid = false;
                continue;
            }

            if (_losses?.FirstOrDefault(l => l.OutputIndex == o) is not { } loss)
            {
                continue;
            }

            if (loss.Targets is TargetKind.ClassIndex or TargetKind.OneHot)
            {
                if (entry.Columns.Count != 1)
                {
                    _diagnostics.Add(DiagnosticCatalog.TableTargetColumnCount(source.SpanOf("target"), output.Phrase, loss.Name, "one column of classes", entry.Columns.Count));
                    valid = false;
                }
            }
            else if (output.Dims.All(d => d is not null) && output.Dims.Aggregate(1L, (a, d) => a * d!.Value) is var size && size != entry.Columns.Count)
            {
                _diagnostics.Add(DiagnosticCatalog.TableTargetColumnCount(source.SpanOf("target"), output.Phrase, loss.Name, $"{size} column{(size == 1 ? string.Empty : "s")} of values (one per value of {output.ShapeText})", entry.Columns.Count));
                valid = false;
            }
        }

        return valid;
    }

    /// <summary>Image sources decode files to [C, H, W]: the size and colour must give the model input's shape. Missing
    /// ones default from the input (size from a concrete H, W; colour rgb for 3 channels, grayscale for 1).</summary>
    private bool CheckImageSource(ResolvedCall source, TrainingTensor? input)
    {
        var arguments = source.ToArray();
        var name = source.Spec.Name;
        if (input is null)
        {
            if (!arguments.Has("color"))
            {
                source.Set("color", new SymbolValue("rgb"), isExplicit: false);
            }

            return true;
        }

        if (input.Dims.Count != 3)
        {
            _diagnostics.Add(DiagnosticCatalog.DataInputMismatch(source.Span, name, "an image input [C, H, W]", "the model input " + input.ShapeText));
            return false;
        }

        var valid = true;
        var channels = input.Dims[0];
        if (arguments.Text("color") is { } color)
        {
            var produced = color == "rgb" ? 3 : 1;
            if (channels is { } known && known != produced)
            {
                _diagnostics.Add(DiagnosticCatalog.DataInputMismatch(source.SpanOf("color"), name, $"color giving {known} channel{(known == 1 ? string.Empty : "s")} ({(known == 1 ? "grayscale" : "rgb")})", $"{color} ({produced} channel{(produced == 1 ? string.Empty : "s")}) for the model input {input.ShapeText}"));
                valid = false;
            }
        }
        else if (channels is 1 or 3 or null)
        {
            source.Set("color", new SymbolValue(channels == 1 ? "grayscale" : "rgb"), isExplicit: false);
        }
        else
        {
            _diagnostics.Add(DiagnosticCatalog.DataInputMismatch(source.Span, name, "1 (grayscale) or 3 (rgb) input channels", "the model input " + input.ShapeText));
            valid = false;
        }

        var (height, width) = (input.Dims[1], input.Dims[2]);
        var resize = arguments.NumberOrNull("resize");
        if (resize is not null && arguments.Size("size") is not null)
        {
            _diagnostics.Add(DiagnosticCatalog.ResizeWithSize(source.SpanOf("resize"), name));
            return false;
        }

        if (arguments.Size("crop") is { } crop)
        {
            // The crop is what the model sees; size or resize (if any) only has to leave room for it.
            var (roomHeight, roomWidth, sizing) = arguments.Size("size") is { } before
                ? (before.Height, before.Width, $"size: {before}")
                : resize is { } shorter
                    ? ((int)shorter, (int)shorter, $"resize: {SyntaxDescriber.Format(shorter)} (the shorter side, so at least {SyntaxDescriber.Format(shorter)} x {SyntaxDescriber.Format(shorter)})")
                    : (int.MaxValue, int.MaxValue, string.Empty);
            if (crop.Height > roomHeight || crop.Width > roomWidth)
            {
                _diagnostics.Add(DiagnosticCatalog.CropLargerThanResize(source.SpanOf("crop"), name, crop.ToString(), sizing));
                valid = false;
            }

            if ((height is { } ch && ch != crop.Height) || (width is { } cw && cw != crop.Width))
            {
                _diagnostics.Add(DiagnosticCatalog.DataInputMismatch(source.SpanOf("crop"), name, $"crop ({height?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "H"}, {width?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "W"})", $"{crop} for the model input {input.ShapeText}"));
                valid = false;
            }

            return valid;
        }

        if (resize is not null)
        {
            // Without a crop the resized size depends on each image's aspect ratio: checked against the input at load.
            return valid;
        }

        if (arguments.Size("size") is { } size)
        {
            if ((height is { } h && h != size.Height) || (width is { } w && w != size.Width))
            {
                _diagnostics.Add(DiagnosticCatalog.DataInputMismatch(source.SpanOf("size"), name, $"size ({height?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "H"}, {width?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "W"})", $"{size} for the model input {input.ShapeText}"));
                valid = false;
            }
        }
        else if (height is { } h && width is { } w)
        {
            source.Set("size", new SizeValue((int)h, (int)w), isExplicit: false);
        }

        return valid;
    }

    private CheckedNormalization? CheckNormalization(ExpressionSyntax value, TrainingTensor? input)
    {
        if (CalleeName(value, "normalize", "a normalization such as scale(255) or range(-1, 1)") is not { } name)
        {
            return null;
        }

        if (!TrainingCatalog.Normalizations.TryGetValue(name, out var entry))
        {
            _diagnostics.Add(DiagnosticCatalog.UnknownNormalization(value.Span, name, NameSuggester.Suggest(name, TrainingCatalog.Normalizations.Keys)));
            return null;
        }

        var resolved = _resolver.Resolve(entry.Spec, value);
        if (resolved.HasErrors)
        {
            return null;
        }

        var arguments = resolved.ToArray();
        switch (entry.Kind)
        {
            case NormalizationKind.Range when arguments.Number("min") >= arguments.Number("max"):
                _diagnostics.Add(DiagnosticCatalog.MinAboveMax(resolved.Span, name, SyntaxDescriber.Format(arguments.Number("min")), SyntaxDescriber.Format(arguments.Number("max"))));
                return null;
            case NormalizationKind.MeanStd:
                var mean = arguments.Numbers("mean");
                var std = arguments.Numbers("std");
                var channels = input is { Dims.Count: 3 } ? input.Dims[0] : null;
                string? problem = mean.Count != std.Count
                    ? $"expects as many std values as mean values but found {mean.Count} mean and {std.Count} std"
                    : mean.Count == 0
                        ? "expects one mean and one std per input channel but the lists are empty"
                        : std.Any(s => s <= 0)
                            ? "expects every std > 0 (it divides) but found " + std
                            : channels is { } c && mean.Count != c && mean.Count != 1
                                ? $"expects one value per input channel ({c}, the model input is {input!.ShapeText}) but found {mean.Count}"
                                : null;
                if (problem is not null)
                {
                    _diagnostics.Add(DiagnosticCatalog.MeanStdMismatch(resolved.Span, problem));
                    return null;
                }

                break;
        }

        return new CheckedNormalization(entry.Kind, name, arguments);
    }

    private CheckedAugmentation? CheckAugmentation(CallExpressionSyntax call, TrainingTensor? input)
    {
        var name = call.Callee.Name;
        if (!TrainingCatalog.Augmentations.TryGetValue(name, out var entry))
        {
            _diagnostics.Add(DiagnosticCatalog.UnknownAugmentation(call.Callee.Span, name, NameSuggester.Suggest(name, TrainingCatalog.Augmentations.Keys)));
            return null;
        }

        var resolved = _resolver.Resolve(entry.Spec, call);
        if (resolved.HasErrors)
        {
            return null;
        }

        if (input is not null && input.Dims.Count != 3)
        {
            _diagnostics.Add(DiagnosticCatalog.AugmentNeedsImages(call.Span, name, input.ShapeText));
            return null;
        }

        var arguments = resolved.ToArray();
        switch (entry.Kind)
        {
            case AugmentationKind.Zoom or AugmentationKind.Brightness when arguments.Number("min") > arguments.Number("max"):
                _diagnostics.Add(DiagnosticCatalog.MinAboveMax(call.Span, name, SyntaxDescriber.Format(arguments.Number("min")), SyntaxDescriber.Format(arguments.Number("max"))));
                return null;
            case AugmentationKind.Rot90 when Rot90Problem(arguments.Numbers("k")) is { } problem:
                _diagnostics.Add(DiagnosticCatalog.InvalidQuarterTurns(resolved.SpanOf("k"), problem));
                return null;
            case AugmentationKind.Rot90 when arguments.Numbers("k").Any(k => k % 2 != 0) && input is { Dims.Count: 3 } && input.Dims[1] is { } height && input.Dims[2] is { } width && height != width:
                _diagnostics.Add(DiagnosticCatalog.QuarterTurnNeedsSquare(resolved.SpanOf("k"), input.ShapeText));
                return null;
            case AugmentationKind.Rot90 when arguments.Numbers("k").All(k => k == 0):
            case AugmentationKind.Zoom or AugmentationKind.Brightness when arguments.Number("min") == 1 && arguments.Number("max") == 1:
            case AugmentationKind.Flip when !arguments.Boolean("horizontal") && !arguments.Boolean("vertical"):
            case AugmentationKind.Shift when arguments.Number("width") == 0 && arguments.Number("height") == 0:
                _diagnostics.Add(DiagnosticCatalog.AugmentationNoOp(call.Span, name));
                break;
        }

        return new CheckedAugmentation(entry.Kind, name, arguments);
    }

    /// <summary>What is wrong with a <c>rot90(k: [..])</c> list, or null: it holds distinct quarter turns 0–3.</summary>
    private static string? Rot90Problem(EquatableArray<double> turns)
    {
        if (turns.Count == 0)
        {
            return "a non-empty list of quarter turns such as [0, 1, 2, 3] but the list is empty";
        }

        var bad = turns.Where(k => k is not (0 or 1 or 2 or 3)).ToList();
        if (bad.Count > 0)
        {
            return $"quarter turns 0, 1, 2 or 3 (90° each) but found {SyntaxDescriber.Format(bad[0])}; write an angle as its number of quarter turns (270° is 3)";
        }

        var repeated = turns.GroupBy(k => k).FirstOrDefault(g => g.Count() > 1);
        return repeated is null ? null : $"each quarter turn once but found {SyntaxDescriber.Format(repeated.Key)} twice; k is drawn uniformly from the list";
    }
}
