using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// The emitter's entry point: turns the error-free declarations of a compilation into C# files for the backend chosen
/// in <see cref="CompilationOptions.Backend"/>. One file per model, named <c>{Namespace}.{Model}.g.cs</c>. Output is a
/// pure function of the checked records, so equal inputs give byte-equal files.
/// </summary>
public static class SourceEmitter
{
    /// <summary>The profile for <paramref name="backend"/>, or null when that backend has no emitter yet.</summary>
    public static IBackendProfile? ProfileFor(Backend backend) => backend switch
    {
        Backend.TorchSharp => TorchSharp.TorchSharpProfile.Instance,
        Backend.Cpu => Cpu.CpuProfile.Instance,
        _ => null,
    };

    /// <summary>One file per model.</summary>
    public static EquatableArray<GeneratedSource> Emit(IEnumerable<CheckedModel> models, CompilationOptions options) =>
        Emit(models, Enumerable.Empty<CheckedTraining>(), options);

    /// <summary>
    /// One file per model and one per training (<c>{Namespace}.{TrainerName}.g.cs</c>). A training whose model is not among
    /// <paramref name="models"/> (it has errors) emits nothing.
    /// </summary>
    public static EquatableArray<GeneratedSource> Emit(IEnumerable<CheckedModel> models, IEnumerable<CheckedTraining> trainings, CompilationOptions options)
    {
        var profile = ProfileFor(options.Backend);
        if (profile is null)
        {
            return EquatableArray<GeneratedSource>.Empty;
        }

        var sources = new List<GeneratedSource>();
        var hintNames = new NameScope();
        foreach (var model in models)
        {
            var @namespace = CSharpNames.ToNamespace(model.Namespace, CSharpNames.ToNamespace(options.DefaultNamespace, "ModelDsl.Generated"));
            var hint = hintNames.Claim(@namespace + "." + CSharpNames.ToPascalCase(model.Name));
            sources.Add(new GeneratedSource(hint + ".g.cs", profile.EmitModel(model)));
        }

        var byName = new Dictionary<string, CheckedModel>();
        foreach (var model in models)
        {
            if (!byName.ContainsKey(model.Name))
            {
                byName[model.Name] = model;
            }
        }

        if (profile is not ITrainerProfile trainerProfile)
        {
            return sources.ToEquatableArray();
        }

        foreach (var training in trainings)
        {
            if (!byName.TryGetValue(training.ModelName, out var model))
            {
                continue;
            }

            var @namespace = CSharpNames.ToNamespace(model.Namespace, CSharpNames.ToNamespace(options.DefaultNamespace, "ModelDsl.Generated"));
            var hint = hintNames.Claim(@namespace + "." + CSharpNames.ToPascalCase(training.TrainerName));
            sources.Add(new GeneratedSource(hint + ".g.cs", trainerProfile.EmitTraining(training, model)));
        }

        return sources.ToEquatableArray();
    }
}
