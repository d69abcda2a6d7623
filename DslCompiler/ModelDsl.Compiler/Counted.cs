using System.Globalization;

namespace ModelDsl.Compiler;

/// <summary>A count with its noun in the right number, for messages and generated comments: "1 epoch", "2 epochs",
/// "0 errors". One place, so no message ever says "1 epochs".</summary>
public static class Counted
{
    /// <param name="count">How many.</param>
    /// <param name="singular">The noun for one ("epoch").</param>
    /// <param name="plural">The noun for any other count; by default the singular with an "s".</param>
    public static string Of(long count, string singular, string? plural = null) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");
}
