using System;
using Spectre.Console;

namespace ModelDsl.Runtime.Progress;

/// <summary>Chooses a reporter for the current process.</summary>
public static class ProgressReporters
{
    /// <summary>Progress bars when standard output is an interactive terminal, plain lines when it is redirected (files, pipes, CI).</summary>
    public static IProgressReporter ForConsole()
    {
        var interactive = !Console.IsOutputRedirected
            && AnsiConsole.Profile.Capabilities.Interactive
            && Environment.GetEnvironmentVariable("CI") is null;
        return interactive ? new ConsoleProgressReporter() : new PlainProgressReporter(Console.Out);
    }
}
