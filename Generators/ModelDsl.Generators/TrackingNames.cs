namespace ModelDsl.Generators;

/// <summary>
/// The name of every incremental step, in one place, so tests can ask the driver how each step ran
/// (Cached, Unchanged, Modified, New) — the pattern of riok/mapperly's TrackingNames.
/// </summary>
public static class TrackingNames
{
    /// <summary>The additional texts whose path ends in <c>.model</c>.</summary>
    public const string ModelTexts = nameof(ModelTexts);

    /// <summary>One <see cref="ModelDsl.Compiler.SourceFile"/> per <c>.model</c> file (path and text).</summary>
    public const string ModelFiles = nameof(ModelFiles);

    /// <summary>Each <c>.model</c> file parsed on its own (an edit re-parses only that file).</summary>
    public const string ParsedFiles = nameof(ParsedFiles);

    /// <summary>All parsed <c>.model</c> files of the project, de-duplicated and sorted by path.</summary>
    public const string ModelFileSet = nameof(ModelFileSet);

    /// <summary>The MSBuild properties the generator reads (<c>ModelDslBackend</c>, <c>RootNamespace</c>).</summary>
    public const string BuildProperties = nameof(BuildProperties);

    /// <summary>Whether the compilation references an assembly named TorchSharp.</summary>
    public const string ReferencesTorchSharp = nameof(ReferencesTorchSharp);

    /// <summary>The compiler options derived from the two steps above.</summary>
    public const string CompilationOptions = nameof(CompilationOptions);

    /// <summary>One check of all files: the diagnostics, the models that passed every check (parse, names, shapes) with
    /// their trainings, and the stand-ins for the declarations with errors.</summary>
    public const string CheckedModels = nameof(CheckedModels);

    /// <summary>The diagnostics to report (compared on their own, so an unchanged report is not rebuilt).</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>The models that passed every check, each with its trainings.</summary>
    public const string EmissionUnits = nameof(EmissionUnits);

    /// <summary>The models and trainers with errors that get a throwing stand-in type.</summary>
    public const string ErrorSurfaces = nameof(ErrorSurfaces);

    /// <summary>One stand-in, compared on its own.</summary>
    public const string ErrorSurface = nameof(ErrorSurface);

    /// <summary>The C# of one stand-in.</summary>
    public const string EmittedErrorSurface = nameof(EmittedErrorSurface);

    /// <summary>One model and its trainings, compared on their own so that an unchanged unit is not emitted again.</summary>
    public const string CheckedModel = nameof(CheckedModel);

    /// <summary>The C# emitted for one unit: the model's file and its trainers' (empty when the backend has no emitter).</summary>
    public const string EmittedModel = nameof(EmittedModel);

    /// <summary>All emitted files with safe, unique hint names.</summary>
    public const string CompiledSources = nameof(CompiledSources);

    /// <summary>One generated C# file, compared on its own, so an unchanged file is not added again.</summary>
    public const string GeneratedSource = nameof(GeneratedSource);
}
