namespace ModelDsl.Compiler.Training;

/// <summary>A list of numbers (<c>mean_std([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])</c>).</summary>
public sealed record NumberListValue(EquatableArray<double> Values) : ArgumentValue
{
    public override string ToString() => Values.ToString();
}
