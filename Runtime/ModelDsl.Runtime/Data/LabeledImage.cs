namespace ModelDsl.Runtime.Data;

/// <summary>One entry of an image listing: the file, its label text and where it was listed (for error messages).</summary>
public sealed record LabeledImage(string Path, string Label, string Origin);
