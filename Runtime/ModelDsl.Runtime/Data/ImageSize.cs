namespace ModelDsl.Runtime.Data;

/// <summary>The <c>size: (h, w)</c> setting: every image is resized to this.</summary>
public readonly record struct ImageSize(int Height, int Width);
