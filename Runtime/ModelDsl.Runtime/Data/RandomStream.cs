namespace ModelDsl.Runtime.Data;

/// <summary>The independent random streams a training run uses; each is derived from (seed, epoch, stream).</summary>
public enum RandomStream
{
    Split,
    Shuffle,
    Augment,
    Draws,
}
