using System;

namespace ModelDsl.Cli;

/// <summary>Builds the command tree of the <c>modeldsl</c> tool.</summary>
public static class CommandLineApp
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("modeldsl: no commands are wired yet");
        return 1;
    }
}
