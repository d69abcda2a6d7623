using System.Diagnostics;

namespace ModelDsl.Bench;

/// <summary>Resident memory of this process in MiB (native allocations included, so libtorch's count too).</summary>
internal static class WorkingSet
{
    public static double CurrentMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }

    public static double PeakMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
