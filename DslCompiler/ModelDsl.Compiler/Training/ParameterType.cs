namespace ModelDsl.Compiler.Training;

/// <summary>What a parameter of a training call accepts.</summary>
public enum ParameterType
{
    /// <summary>Any number (<c>0.001</c>, <c>1e-4</c>, <c>3</c>).</summary>
    Number,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A string (a path or pattern).</summary>
    Text,

    /// <summary>One word out of <see cref="ParameterSpec.Choices"/> (<c>mode: max</c>).</summary>
    Choice,

    /// <summary>A monitor name (<c>val_loss</c>), checked against the history keys.</summary>
    Monitor,

    /// <summary>A column or field name, as a word or a string (<c>path: location</c>).</summary>
    Column,

    /// <summary>An image size: <c>n</c> or <c>(height, width)</c>.</summary>
    Size,

    /// <summary>A list of numbers.</summary>
    NumberList,

    /// <summary>A nested schedule call.</summary>
    Schedule,

    /// <summary>Table columns: a name or 0-based index, or a list of them (<c>[crim, zn, 2]</c>).</summary>
    Columns,

    /// <summary>Target columns: <see cref="Columns"/> for the only output, or a map from output to columns.</summary>
    TargetColumns,
}
