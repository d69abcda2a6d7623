using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace ModelDsl.Compiler.Tests.Emit;

/// <summary>
/// Snapshot assertions with Verify's file conventions: the accepted text lives beside the test as
/// <c>{Class}.{Method}.verified.cs</c>; on a mismatch the actual text is written to <c>*.received.cs</c>
/// (git-ignored) and the test fails with the first differing line. <c>MODELDSL_ACCEPT=1</c> accepts the
/// received text as the new snapshot.
/// </summary>
internal static class Snapshot
{
    public static void Verify(
        string actual,
        string? name = null,
        string extension = "cs",
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testMethod = "")
    {
        var directory = Path.GetDirectoryName(testFile)!;
        var baseName = Path.GetFileNameWithoutExtension(testFile) + "." + (name ?? testMethod);
        var verifiedPath = Path.Combine(directory, baseName + ".verified." + extension);
        var receivedPath = Path.Combine(directory, baseName + ".received." + extension);

        var expected = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath) : null;
        if (expected is not null && Normalize(expected) == Normalize(actual))
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable("MODELDSL_ACCEPT") == "1")
        {
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        throw new XunitException(expected is null
            ? $"No snapshot {verifiedPath}; the output was written to {receivedPath}. Review it, then run with MODELDSL_ACCEPT=1 to accept."
            : $"Snapshot {verifiedPath} differs ({FirstDifference(expected, actual)}); see {receivedPath}. Run with MODELDSL_ACCEPT=1 to accept.");
    }

    // A checkout on Windows may turn LF into CRLF; the generated text itself always uses LF.
    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = Normalize(expected).Split('\n');
        var actualLines = Normalize(actual).Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"line {i + 1}: expected `{e}`, got `{a}`";
            }
        }

        return "line endings";
    }
}
