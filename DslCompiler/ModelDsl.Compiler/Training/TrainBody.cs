using System.Collections.Generic;
using ModelDsl.Compiler.Syntax;

namespace ModelDsl.Compiler.Training;

/// <summary>The items of one train or stage body, sorted by kind, first occurrence kept (later ones are reported).</summary>
internal sealed class TrainBody
{
    public Dictionary<string, SettingSyntax> Settings { get; } = new();

    public Dictionary<string, CallExpressionSyntax> Callbacks { get; } = new();

    public List<StageSyntax> Stages { get; } = new();

    /// <summary>The <c>pretrained(...)</c> calls, in order (several files may initialise different parts).</summary>
    public List<CallExpressionSyntax> Pretrained { get; } = new();

    public DataSyntax? Data { get; set; }

    public ExpressionSyntax? Setting(string key) => Settings.TryGetValue(key, out var setting) ? setting.Value : null;
}
