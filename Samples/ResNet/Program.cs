using System;
using System.Linq;
using System.Reflection;

namespace ModelDsl.Samples.ResNet;

/// <summary>Prints what the generator made of Models/*.model: every generated model and its Keras-style summary.</summary>
public static class Program
{
    public static int Main()
    {
        // Generated model classes carry a static Summary (LANGUAGE.md §8); listing them by that keeps this sample
        // independent of which backend generated them.
        var models = typeof(Program).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(Program).Namespace && type.GetProperty("Summary", BindingFlags.Public | BindingFlags.Static) is not null)
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .ToList();

        foreach (var model in models)
        {
            Console.WriteLine(model.Name);
            Console.WriteLine(model.GetProperty("Summary", BindingFlags.Public | BindingFlags.Static)!.GetValue(null));
            Console.WriteLine();
        }

        Console.WriteLine($"{models.Count} generated model(s).");
        return 0;
    }
}
