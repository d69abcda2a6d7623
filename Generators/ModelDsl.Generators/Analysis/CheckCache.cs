using System.Threading;
using ModelDsl.Compiler;
using ModelDsl.Generators.Pipeline;

namespace ModelDsl.Generators.Analysis;

/// <summary>
/// Remembers the last check. The IDE re-runs analyzers on every C# keystroke with a new compilation whose
/// <c>.model</c> files usually have not changed; the inputs are value-equal records, so the previous result is
/// reused instead of compiling again.
/// </summary>
public static class CheckCache
{
    private static Entry? _last;

    public static CheckResult Check(EquatableArray<SourceFile> files, CompilationOptions options, CancellationToken cancellationToken)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && last.Options == options && last.Files == files)
        {
            return last.Result;
        }

        var result = ModelDslCompilation.Check(files, options, cancellationToken);
        Volatile.Write(ref _last, new Entry(files, options, result));
        return result;
    }

    private sealed record Entry(EquatableArray<SourceFile> Files, CompilationOptions Options, CheckResult Result);
}
