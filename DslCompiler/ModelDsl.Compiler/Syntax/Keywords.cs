using System.Collections.Generic;

namespace ModelDsl.Compiler.Syntax;

/// <summary>The reserved words of the language (LANGUAGE.md §1).</summary>
internal static class Keywords
{
    public static readonly HashSet<string> All = new()
    {
        "import", "namespace", "block", "group", "model", "input", "output", "let", "x", "repeat",
        "stem", "learner", "task", "train", "stage", "data", "augment", "as", "true", "false",
    };

    /// <summary>The words that start a top-level declaration; recovery resynchronises at them.</summary>
    public static readonly string[] Declarations = { "namespace", "import", "block", "group", "model", "train", "defaults" };

    public static bool IsKeyword(string name) => All.Contains(name);
}
