using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using ModelDsl.Compiler.Syntax;
using Xunit;
using static ModelDsl.Compiler.Tests.Syntax.SyntaxTestHelpers;

namespace ModelDsl.Compiler.Tests.Syntax;

/// <summary>The parser never throws, always terminates quickly and produces spans inside the text, whatever the input.</summary>
public sealed class RobustnessTests
{
    private static readonly string Corpus = string.Join("\n", SpecExamplesTests.ResNet50, SpecExamplesTests.AgeAndGender, SpecExamplesTests.TrainStagesAndData);

    [Fact]
    public void Thousands_of_mutations_of_valid_files_never_throw_and_give_valid_spans()
    {
        var random = new Random(20261122);
        const string alphabet = "{}()[],:=|>.+-*/%\"\\\n\r\t @#a_0e";
        // A hang guard per parse, not a throughput bound on the whole loop: the total depends on how busy the machine is,
        // while one pathological input (exponential backtracking) shows up as a single parse that takes seconds.
        var slowest = TimeSpan.Zero;
        for (var iteration = 0; iteration < 1500; iteration++)
        {
            var text = Mutate(Corpus, random, alphabet);
            var stopwatch = Stopwatch.StartNew();
            var result = Parse(text);
            if (stopwatch.Elapsed > slowest)
            {
                slowest = stopwatch.Elapsed;
            }

            foreach (var diagnostic in result.Diagnostics)
            {
                var span = diagnostic.Span;
                Assert.True(span.Start >= 0 && span.Length >= 0 && span.Start + span.Length <= text.Length, $"span {span} outside the text");
                Assert.True(span.Line >= 1 && span.Column >= 1 && span.EndLine >= span.Line, $"bad position {span}");
                Assert.DoesNotContain("internal parser error", diagnostic.Message, StringComparison.Ordinal);
            }
        }

        Assert.True(slowest < TimeSpan.FromSeconds(10), $"the slowest of 1500 parses took {slowest}");
    }

    [Fact]
    public void Concurrent_parses_give_identical_results()
    {
        // The grammar is static and shared; all per-file state lives in the parse context.
        var expected = Parse(Corpus);
        var results = new ParseResult[16];
        System.Threading.Tasks.Parallel.For(0, results.Length, i => results[i] = Parse(Corpus));
        Assert.All(results, result => Assert.Equal(expected, result));
    }

    [Fact]
    public void Random_text_never_throws()
    {
        var random = new Random(7);
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 400);
            for (var i = 0; i < length; i++)
            {
                builder.Append((char)random.Next(0, 0x250));
            }

            var result = Parse(builder.ToString());
            Assert.NotNull(result.Root);
        }
    }

    [Theory]
    [InlineData("model")]
    [InlineData("model M")]
    [InlineData("model M {")]
    [InlineData("train")]
    [InlineData("train M as")]
    [InlineData("block b(")]
    [InlineData("block b(n: int = ")]
    [InlineData("namespace")]
    [InlineData("namespace A.")]
    [InlineData("import")]
    [InlineData("\"")]
    [InlineData("/*")]
    [InlineData("model M { input a: float[")]
    [InlineData("model M { let a = x |>")]
    [InlineData("train M { data { augment { flip(")]
    [InlineData("\uFEFFmodel M { relu() }\0")]
    [InlineData("}}}}{{{{")]
    public void Truncated_input_is_an_error_not_an_exception(string source)
    {
        var result = Parse(source);
        Assert.True(result.HasErrors);
        Assert.All(result.Diagnostics, d => Assert.InRange(d.Span.Start + d.Span.Length, 0, source.Length));
    }

    [Fact]
    public void Large_files_parse_in_linear_time()
    {
        var body = string.Concat(Enumerable.Repeat("    conv2d(64, kernel: 3, padding: same)  batchnorm()  relu()\n", 2000));
        var source = "model Big {\n    input image: float[3, 224, 224]\n" + body + "}\n";
        Parse(source);
        var stopwatch = Stopwatch.StartNew();
        var result = Parse(source);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(6000, ((ModelDeclarationSyntax)result.Root.Declarations[0]).Body.Count);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"a 6000-statement file took {stopwatch.Elapsed}");
    }

    [Fact]
    public void ResNet50_parses_in_milliseconds_when_warm()
    {
        for (var i = 0; i < 50; i++)
        {
            Parse(SpecExamplesTests.ResNet50);
        }

        const int Runs = 200;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            Parse(SpecExamplesTests.ResNet50);
        }

        // About a millisecond on an idle core; the bound is loose because CI machines are shared.
        var perParse = stopwatch.Elapsed.TotalMilliseconds / Runs;
        Assert.True(perParse < 25, $"ResNet50 took {perParse:F3} ms per parse");
    }

    private static string Mutate(string text, Random random, string alphabet)
    {
        var chars = text.ToList();
        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations; m++)
        {
            var position = random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0:
                    chars.RemoveAt(position);
                    break;
                case 1:
                    chars.Insert(position, alphabet[random.Next(alphabet.Length)]);
                    break;
                case 2:
                    chars[position] = alphabet[random.Next(alphabet.Length)];
                    break;
                default:
                    var from = random.Next(chars.Count);
                    chars.InsertRange(position, chars.Skip(from).Take(random.Next(1, 30)).ToList());
                    break;
            }
        }

        return new string(chars.ToArray());
    }
}
