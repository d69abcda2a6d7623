using System.Collections.Generic;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// The target of one model output in a table: float columns (regression, binary, multi-label: one column per output
/// value), or one column of classes (<paramref name="Classes"/>: class indices 0..ClassCount-1, or class names mapped in
/// sorted order) for a categorical output of <paramref name="ClassCount"/> classes.
/// </summary>
public sealed record TableTarget(string Output, IReadOnlyList<TableColumn> Columns, bool Classes = false, int ClassCount = 0);
