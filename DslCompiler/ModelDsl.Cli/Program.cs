// Entry point of the `modeldsl` tool; the commands are wired in CommandLineApp.
return ModelDsl.Cli.CommandLineApp.Run(args);
