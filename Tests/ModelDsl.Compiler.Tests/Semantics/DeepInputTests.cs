using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ModelDsl.Cli;
using ModelDsl.Compiler.Syntax;
using ModelDsl.Compiler.Semantics;
using Xunit;

namespace ModelDsl.Compiler.Tests.Semantics;

/// <summary>
/// Input whose nesting depth the file controls (operator chains, block call chains) becomes a diagnostic, never a
/// stack overflow, which would kill the process (inside <c>dotnet build</c>, the compiler). Every compilation runs on a
/// thread with a 1 MB stack, as small as a host's thread pool gives; the hang guard is generous, not a timing.
/// </summary>
public sealed class DeepInputTests
{
    private const int StackSize = 1024 * 1024;

    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    public static string NegationChain(int count) => Model("dense(" + new string('-', count) + "4)");

    public static string OperatorChain(int terms, char op) => Model("dense(" + string.Join(op, Enumerable.Repeat("1", terms)) + ")");

    /// <summary>Blocks b0…b(depth−1), each calling the one before; the model calls the last.</summary>
    public static string BlockChain(int depth)
    {
        var text = new StringBuilder("block b0(u: int) { dense(u) }\n");
        for (var i = 1; i < depth; i++)
        {
            text.Append("block b").Append(i).Append("(u: int) { b").Append(i - 1).Append("(u) }\n");
        }

        return text.Append(Model($"b{depth - 1}(4)")).ToString();
    }

    private static string Model(string statement) => "model Deep {\n    input image: float[4]\n    " + statement + "\n}\n";

    public static TheoryData<string, string> TooDeep => new()
    {
        { "100,000 unary minus", NegationChain(100_000) },
        { "100,000 additions", OperatorChain(100_000, '+') },
        { "100,000 multiplications", OperatorChain(100_000, '*') },
        { "100,000 member accesses", Model("dense(a" + string.Concat(Enumerable.Repeat(".b", 100_000)) + ")") },
        { "left-nested parenthesised chains", Model("dense(" + new string('(', 40) + "1" + string.Concat(Enumerable.Repeat("+1+1+1+1+1+1+1+1+1+1)", 40)) + ")") },
    };

    [Theory]
    [MemberData(nameof(TooDeep))]
    public void Over_deep_expressions_are_MD1040(string what, string text)
    {
        var result = CompileOnSmallStack(text);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.True(diagnostic.Id == "MD1040", $"{what}: {diagnostic}");
        Assert.Contains("nested deeper than 256 levels", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(3, diagnostic.Span.Line);
        Assert.Empty(result.Models);
    }

    [Fact]
    public void A_chain_just_under_the_limit_compiles_and_emits_on_a_small_stack()
    {
        // 256 levels: 255 operators over 256 terms (the top '+' node is level 1, each literal is one level below its operator).
        var result = CompileOnSmallStack(OperatorChain(ExpressionDepth.Limit - 1, '+').Replace("dense(", "dense(-3 + ", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.Single(result.Models);
        Assert.NotEmpty(result.Sources);
    }

    [Fact]
    public void A_10000_deep_block_call_chain_is_MD2080_at_the_call_past_the_limit()
    {
        var result = CompileOnSmallStack(BlockChain(10_000));
        var diagnostic = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("MD2080", diagnostic.Id);
        Assert.Contains($"nested deeper than {ModelExpander.MaxCallDepth} levels", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("below 'b9999'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(result.Models);
    }

    [Fact]
    public void A_block_chain_at_the_limit_compiles_and_emits_on_both_backends_on_a_small_stack()
    {
        foreach (var backend in new[] { Backend.TorchSharp, Backend.Cpu })
        {
            var result = CompileOnSmallStack(BlockChain(ModelExpander.MaxCallDepth), backend);
            Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
            Assert.Single(result.Models);
            Assert.NotEmpty(result.Sources);
        }
    }

    [Theory]
    [InlineData("neg")]
    [InlineData("add")]
    [InlineData("mul")]
    [InlineData("blocks")]
    public void Check_reports_deep_input_and_exits_1(string kind)
    {
        var text = kind switch
        {
            "neg" => NegationChain(100_000),
            "add" => OperatorChain(100_000, '+'),
            "mul" => OperatorChain(100_000, '*'),
            _ => BlockChain(10_000),
        };
        var path = Path.Combine(Path.GetTempPath(), $"modeldsl-deep-{kind}-{Guid.NewGuid():N}.model");
        File.WriteAllText(path, text);
        try
        {
            var (code, output) = OnSmallStack(() =>
            {
                var writer = new StringWriter { NewLine = "\n" };
                var exit = CommandLineApp.Run(new[] { "check", path }, writer, new StringWriter());
                return (exit, writer.ToString());
            });
            Assert.Equal(1, code);
            Assert.Contains(kind == "blocks" ? "error MD2080" : "error MD1040", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static CompilationResult CompileOnSmallStack(string text, Backend backend = Backend.TorchSharp) =>
        OnSmallStack(() => ModelCompiler.Compile(new[] { new SourceFile("/deep/main.model", text) }, new CompilationOptions(backend)));

    /// <summary>Runs <paramref name="work"/> on a fresh thread with a 1 MB stack; a stack overflow would end the test
    /// process, so "it returned" is the assertion that matters.</summary>
    public static T OnSmallStack<T>(Func<T> work)
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
            StackSize);
        thread.Start();
        Assert.True(thread.Join(HangGuard), $"no result within {HangGuard.TotalMinutes} minutes");
        if (failure is not null)
        {
            throw new InvalidOperationException("the compilation threw", failure);
        }

        return result;
    }
}
