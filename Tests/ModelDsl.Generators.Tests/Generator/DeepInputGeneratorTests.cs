using System;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using ModelDsl.Compiler;
using ModelDsl.Generators.Tests.Infrastructure;
using Xunit;

namespace ModelDsl.Generators.Tests.Generator;

/// <summary>
/// The generator, run by a real <see cref="CSharpGeneratorDriver"/> on a thread with a 1 MB stack, turns input nested
/// beyond the compiler's limits into MD1040/MD2080 instead of a stack overflow (which would kill csc), and the
/// project with the generator's output still compiles without C# errors.
/// </summary>
public sealed class DeepInputGeneratorTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    private static string Model(string statement) => "model Deep {\n    input image: float[4]\n    " + statement + "\n}\n";

    private static string BlockChain(int depth)
    {
        var text = new StringBuilder("block b0(u: int) { dense(u) }\n");
        for (var i = 1; i < depth; i++)
        {
            text.Append("block b").Append(i).Append("(u: int) { b").Append(i - 1).Append("(u) }\n");
        }

        return text.Append(Model($"b{depth - 1}(4)")).ToString();
    }

    [Theory]
    [InlineData("neg", "MD1040")]
    [InlineData("add", "MD1040")]
    [InlineData("mul", "MD1040")]
    [InlineData("blocks", "MD2080")]
    public void Deep_input_is_a_diagnostic_in_a_generator_run(string kind, string id)
    {
        var text = kind switch
        {
            "neg" => Model("dense(" + new string('-', 100_000) + "4)"),
            "add" => Model("dense(" + string.Join("+", Enumerable.Repeat("1", 100_000)) + ")"),
            "mul" => Model("dense(" + string.Join("*", Enumerable.Repeat("1", 100_000)) + ")"),
            _ => BlockChain(10_000),
        };
        var project = new ModelProject().WithModel("deep.model", text).On(Backend.Cpu);

        var (generator, csharpErrors, _) = OnSmallStack(project.Build);

        Assert.Contains(generator, d => d.Id == id && d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(csharpErrors);
    }

    private static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            },
            1024 * 1024);
        thread.Start();
        Assert.True(thread.Join(HangGuard), "no result within the hang guard");
        Assert.Null(failure);
        return result;
    }
}
