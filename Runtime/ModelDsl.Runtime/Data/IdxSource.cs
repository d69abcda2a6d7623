using System.Collections.Generic;

namespace ModelDsl.Runtime.Data;

/// <summary><c>idx(images: "...", labels: "...")</c>: MNIST-style files, gzip or raw.</summary>
public sealed record IdxSource(string Images, string Labels) : DataSource
{
    public override Dataset Load(string baseDirectory, IReadOnlyList<string>? classNames = null, int? classCount = null) =>
        IdxDataset.Load(Resolve(baseDirectory, Images), Resolve(baseDirectory, Labels), classCount ?? classNames?.Count);
}
