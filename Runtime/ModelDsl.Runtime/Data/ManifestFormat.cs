namespace ModelDsl.Runtime.Data;

/// <summary>The file format of a manifest data source.</summary>
public enum ManifestFormat
{
    Csv,
    Json,
}
