using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace ModelDsl.Bench;

/// <summary>
/// What `compare` and `infer` share: starting this bench (or another program) as a child with the threading
/// environment every engine gets, reading its <c>key=value …</c> last line, the busy background processes of
/// <c>--load N</c>, and a description of the machine.
/// </summary>
internal static class ChildProcesses
{
    /// <summary>This bench again, in a child process (so every run starts with a fresh heap and JIT state).</summary>
    public static ProcessStartInfo Self(string[] args) => Start("dotnet", [typeof(ChildProcesses).Assembly.Location, .. args]);

    public static ProcessStartInfo Start(string file, string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>
    /// The same threads for every engine: <c>OMP_NUM_THREADS</c> (libtorch), <c>MKL_NUM_THREADS</c>,
    /// <c>OPENBLAS_NUM_THREADS</c> (PyTorch 1.13), and the OpenMP wait policy (libtorch's threads otherwise spin).
    /// </summary>
    public static ProcessStartInfo WithThreads(ProcessStartInfo start, int threads, string waitPolicy)
    {
        var text = threads.ToString(CultureInfo.InvariantCulture);
        start.Environment["OMP_NUM_THREADS"] = text;
        start.Environment["MKL_NUM_THREADS"] = text;
        start.Environment["OPENBLAS_NUM_THREADS"] = text;
        start.Environment["OMP_WAIT_POLICY"] = waitPolicy;
        return start;
    }

    /// <summary>The caller's OpenMP wait policy, or PASSIVE.</summary>
    public static string WaitPolicy() => Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "PASSIVE";

    /// <summary>Runs the child to its end; the numbers of its last stdout line, or why there are none.</summary>
    public static (Dictionary<string, double>? Values, string? Failure) Run(ProcessStartInfo start, params string[] required)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        var values = Parse(last);
        if (process.ExitCode == 0 && required.All(values.ContainsKey))
        {
            return (values, null);
        }

        string tail;
        lock (errors)
        {
            tail = string.Join(" | ", errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
        }

        return (null, $"failed (exit {process.ExitCode}): {tail}");
    }

    /// <summary>Reads <c>name=number name=number …</c>; other words are ignored.</summary>
    public static Dictionary<string, double> Parse(string line)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && double.TryParse(pair[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values[pair[..equals]] = value;
            }
        }

        return values;
    }

    /// <summary>Starts <paramref name="count"/> `spin` processes (see <see cref="SpinCommand"/>).</summary>
    public static List<Process> StartLoad(int count)
    {
        var spinners = new List<Process>();
        for (var i = 0; i < count; i++)
        {
            spinners.Add(Process.Start(Self(["spin"])) ?? throw new InvalidOperationException("could not start a spin process"));
        }

        return spinners;
    }

    /// <summary>Closing a spinner's standard input ends it.</summary>
    public static void StopLoad(List<Process> spinners)
    {
        foreach (var spinner in spinners)
        {
            spinner.StandardInput.Close();
            spinner.WaitForExit(5000);
            spinner.Dispose();
        }
    }

    public static string Machine()
    {
        string cpu;
        string load;
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            cpu = line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            load = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            cpu = "unknown CPU";
            load = "unknown";
        }

        return $"{Environment.ProcessorCount} cores, {cpu}, load average {load}";
    }
}
