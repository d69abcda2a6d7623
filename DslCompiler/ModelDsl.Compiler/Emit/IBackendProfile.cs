using System.Collections.Generic;
using ModelDsl.Compiler.Semantics;

namespace ModelDsl.Compiler.Emit;

/// <summary>
/// What one backend contributes to emission. <see cref="SourceEmitter"/> owns everything shared (which declarations are
/// emitted, file names, ordering); a profile turns one checked declaration into C# text. The building blocks a profile
/// needs are backend-neutral and public: <see cref="CodeWriter"/>, <see cref="CSharpNames"/>, <see cref="CSharpLiterals"/>,
/// <see cref="NameScope"/>, <see cref="GeneratedFileHeader"/>, <see cref="ModuleClassPlan"/> (one class per distinct
/// module definition), <see cref="ForwardVariables"/> (locals of a forward body) and <see cref="ModelMetadata"/>
/// (shapes, parameter counts and the summary as C# members).
/// </summary>
public interface IBackendProfile
{
    /// <summary>The backend this profile writes for.</summary>
    Backend Backend { get; }

    /// <summary>The C# for one model: its module class (and nested classes), complete with the file header.</summary>
    string EmitModel(CheckedModel model);

    /// <summary>Extra files every compilation with at least one model needs (shared helpers); may be empty.</summary>
    IEnumerable<GeneratedSource> EmitSupportFiles(string @namespace);
}
