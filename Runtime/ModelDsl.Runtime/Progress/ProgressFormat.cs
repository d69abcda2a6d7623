using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ModelDsl.Runtime.Progress;

/// <summary>The Keras-like text of progress lines: <c>epoch 3/10 - loss 0.4213 - accuracy 0.8512 - val_loss 0.3911 - 12.3s</c>.</summary>
public static class ProgressFormat
{
    public static string Metrics(IReadOnlyDictionary<string, double> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var text = new StringBuilder();
        foreach (var (key, value) in logs.Where(p => p.Key != "learning_rate"))
        {
            if (text.Length > 0)
            {
                text.Append(" - ");
            }

            text.Append(key).Append(' ').Append(Value(value));
        }

        return text.ToString();
    }

    public static string EpochLine(int epoch, int epochs, IReadOnlyDictionary<string, double> logs, TimeSpan elapsed)
    {
        var metrics = Metrics(logs);
        return $"epoch {epoch}/{epochs}{(metrics.Length == 0 ? string.Empty : " - " + metrics)} - {Seconds(elapsed)}";
    }

    public static string Value(double value) =>
        double.IsNaN(value) ? "nan"
        : Math.Abs(value) is >= 1e-4 and < 1e5 or 0 ? value.ToString("0.0000", CultureInfo.InvariantCulture)
        : value.ToString("0.###e+0", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan elapsed) =>
        elapsed.TotalSeconds < 60
            ? elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
            : $"{(int)elapsed.TotalMinutes}m{elapsed.Seconds:00}s";
}
