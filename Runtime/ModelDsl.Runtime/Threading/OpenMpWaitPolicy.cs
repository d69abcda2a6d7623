using System;
using System.Runtime.InteropServices;

namespace ModelDsl.Runtime.Threading;

/// <summary>
/// libtorch's OpenMP threads busy-wait between parallel regions; on a machine shared with other work that made
/// 2-thread training steps 6–35 times slower. <c>OMP_WAIT_POLICY=PASSIVE</c> makes them sleep instead, and OpenMP reads
/// it once, when libtorch loads: call <see cref="PreferPassive"/> before the first TorchSharp call.
/// </summary>
public static class OpenMpWaitPolicy
{
    private const string Variable = "OMP_WAIT_POLICY";

    /// <summary>
    /// Sets <c>OMP_WAIT_POLICY=PASSIVE</c> in the process environment unless the user has set a policy. Returns a
    /// one-line description of the policy in force, for the program's output.
    /// </summary>
    public static string PreferPassive()
    {
        var current = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(current))
        {
            return $"{Variable}={current} (set by you)";
        }

        // On Unix, Environment.SetEnvironmentVariable changes only .NET's copy of the environment; the OpenMP runtime
        // reads the C library's, so it is set there too.
        Environment.SetEnvironmentVariable(Variable, "PASSIVE");
        if (!OperatingSystem.IsWindows())
        {
            _ = SetEnvironment(Variable, "PASSIVE", 0);
        }

        return $"{Variable}=PASSIVE (idle threads sleep instead of spinning; set {Variable} to override)";
    }

    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetEnvironment(string name, string value, int overwrite);
}
