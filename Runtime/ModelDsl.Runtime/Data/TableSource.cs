using System.Collections.Generic;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// <c>table(file, features:, target:)</c>: a tabular CSV (<see cref="TableLoader"/>). Each target carries its own class
/// count, so <c>classCount</c> is not needed; a later split reads class names with the training split's map.
/// </summary>
public sealed record TableSource(string File, TableSpec Spec) : DataSource
{
    public override Dataset Load(string baseDirectory, IReadOnlyList<string>? classNames = null, int? classCount = null) =>
        TableLoader.Load(Resolve(baseDirectory, File), Spec, classNames);
}
