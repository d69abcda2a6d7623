using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelDsl.Runtime.Callbacks;

/// <summary>
/// Expands a checkpoint path pattern: <c>{epoch}</c>, <c>{epoch:02}</c> (zero-padded), <c>{monitor}</c> (the
/// monitored value), and any metric by name, e.g. <c>{val_loss:.4f}</c> (Python-style format: width, precision,
/// <c>d</c>/<c>f</c>/<c>e</c>). An unknown name or format is an error naming it.
/// </summary>
public static class CheckpointPath
{
    public static string Format(string pattern, int epoch, IReadOnlyDictionary<string, double> logs, string? monitor = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(logs);
        var result = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '{')
            {
                result.Append(pattern[i]);
                continue;
            }

            var end = pattern.IndexOf('}', i);
            if (end < 0)
            {
                throw new ArgumentException($"Checkpoint path '{pattern}' has a '{{' without a closing '}}'.", nameof(pattern));
            }

            var placeholder = pattern[(i + 1)..end];
            var colon = placeholder.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? placeholder : placeholder[..colon];
            var format = colon < 0 ? string.Empty : placeholder[(colon + 1)..];
            double value;
            bool integer;
            if (name == "epoch")
            {
                (value, integer) = (epoch, true);
            }
            else
            {
                var key = name == "monitor" ? monitor : name;
                if (key is null || !logs.TryGetValue(key, out value))
                {
                    throw new ArgumentException(
                        $"Checkpoint path '{pattern}' uses {{{name}}}, but {(name == "monitor" && monitor is null ? "the checkpoint has no monitor" : $"there is no metric '{key}' (available: epoch, {string.Join(", ", logs.Keys)})")}.",
                        nameof(pattern));
                }

                integer = false;
            }

            result.Append(FormatValue(value, integer, format, pattern));
            i = end;
        }

        return result.ToString();
    }

    /// <summary>
    /// A regular expression that matches every file name <paramref name="fileNamePattern"/> can expand to: its text
    /// literally, each placeholder as one or more characters (an unclosed '{' is literal).
    /// </summary>
    public static Regex FileNames(string fileNamePattern)
    {
        ArgumentNullException.ThrowIfNull(fileNamePattern);
        var regex = new StringBuilder("^");
        var i = 0;
        while (i < fileNamePattern.Length)
        {
            var open = fileNamePattern.IndexOf('{', i);
            var close = open < 0 ? -1 : fileNamePattern.IndexOf('}', open);
            if (close < 0)
            {
                regex.Append(Regex.Escape(fileNamePattern[i..]));
                break;
            }

            regex.Append(Regex.Escape(fileNamePattern[i..open])).Append(".+");
            i = close + 1;
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    private static string FormatValue(double value, bool integer, string format, string pattern)
    {
        // Python format spec subset: [0][width][.precision][type]
        var spec = format;
        var zero = spec.StartsWith('0');
        var type = spec.Length > 0 && char.IsLetter(spec[^1]) ? spec[^1] : integer ? 'd' : 'g';
        if (spec.Length > 0 && char.IsLetter(spec[^1]))
        {
            spec = spec[..^1];
        }

        var dot = spec.IndexOf('.', StringComparison.Ordinal);
        var widthText = dot < 0 ? spec : spec[..dot];
        var precisionText = dot < 0 ? string.Empty : spec[(dot + 1)..];
        if ((widthText.Length > 0 && !int.TryParse(widthText, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            || (precisionText.Length > 0 && !int.TryParse(precisionText, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            || type is not ('d' or 'f' or 'e' or 'g'))
        {
            throw new ArgumentException($"Checkpoint path '{pattern}' has the format ':{format}', which is not understood; use forms like :02 or :.4f.", nameof(pattern));
        }

        var width = widthText.Length == 0 ? 0 : int.Parse(widthText, CultureInfo.InvariantCulture);
        var precision = precisionText.Length == 0 ? (int?)null : int.Parse(precisionText, CultureInfo.InvariantCulture);
        var text = type switch
        {
            'd' => ((long)Math.Round(value)).ToString(CultureInfo.InvariantCulture),
            'f' => value.ToString("F" + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            'e' => value.ToString((precision is { } p ? "0." + new string('0', p) : "0.000000") + "e+00", CultureInfo.InvariantCulture),
            _ => integer ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString(precision is { } g ? "G" + g.ToString(CultureInfo.InvariantCulture) : "G6", CultureInfo.InvariantCulture),
        };
        if (text.Length < width)
        {
            text = zero
                ? (text.StartsWith('-') ? "-" + text[1..].PadLeft(width - 1, '0') : text.PadLeft(width, '0'))
                : text.PadLeft(width);
        }

        return text;
    }
}
