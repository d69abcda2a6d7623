using System.Collections.Generic;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// How to read a tabular CSV (<c>table("houses.csv", features: […], target: price)</c>): the feature columns (null:
/// every column that is not a target, in file order), how many the model's input takes (-1: not known), the targets in
/// model output order, and the file's layout.
/// </summary>
public sealed record TableSpec(IReadOnlyList<TableColumn>? Features, int FeatureCount, IReadOnlyList<TableTarget> Targets, bool Header = true, string Delimiter = ",");
