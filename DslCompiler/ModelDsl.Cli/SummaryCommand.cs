using System;
using System.CommandLine;
using System.IO;
using System.Linq;

namespace ModelDsl.Cli;

/// <summary><c>modeldsl summary FILE... [--model NAME]</c>: the Keras-style table of every checked model (or one).
/// Diagnostics are printed first; exit 1 when any is an error or the named model is not found.</summary>
internal static class SummaryCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("files") { Description = ".model files (their imports are loaded too)", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string?>("--model", "-m") { Description = "Only this model" };
        var command = new Command("summary", "Print the layer table and parameter counts of each model") { files, model };
        command.SetAction(parseResult =>
        {
            var (result, diagnostics) = CliCompilation.Check(parseResult.GetValue(files) ?? Array.Empty<string>());
            CliCompilation.Print(diagnostics, output);
            var name = parseResult.GetValue(model);
            var models = result.Models.Where(m => name is null || m.Name == name).ToList();
            if (name is not null && models.Count == 0)
            {
                var known = result.Models.Select(m => m.Name).ToList();
                error.WriteLine($"modeldsl: no checked model named '{name}'" + (known.Count == 0 ? string.Empty : "; models: " + string.Join(", ", known)));
                return 1;
            }

            for (var i = 0; i < models.Count; i++)
            {
                if (i > 0)
                {
                    output.WriteLine();
                }

                output.Write(models[i].Summary);
            }

            return diagnostics.Any(d => d.IsError) ? 1 : 0;
        });
        return command;
    }
}
