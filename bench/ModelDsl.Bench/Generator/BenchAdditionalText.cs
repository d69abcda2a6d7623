using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ModelDsl.Bench.Generator;

/// <summary>A <c>.model</c> file in memory, as MSBuild hands it to the compiler.</summary>
public sealed class BenchAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public BenchAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text, Encoding.UTF8);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
