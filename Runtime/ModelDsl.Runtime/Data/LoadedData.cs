using System.Collections.Generic;

namespace ModelDsl.Runtime.Data;

/// <summary>The datasets of a <c>data { }</c> block, loaded; absent sources are null.</summary>
public sealed record LoadedData(Dataset? Train, Dataset? Validation, Dataset? Test, IReadOnlyList<string> ClassNames);
