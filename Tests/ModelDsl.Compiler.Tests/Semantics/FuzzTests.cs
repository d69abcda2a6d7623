using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace ModelDsl.Compiler.Tests.Semantics;

/// <summary>
/// Mutates the baseline sources thousands of times (seeded: deleting, duplicating and swapping characters and tokens,
/// inserting punctuation) and checks that the compiler always returns diagnostics — no exception, no internal error,
/// no hang.
/// </summary>
public sealed class FuzzTests
{
    private const string Noise = "(){}[],:|>=.-*/%\"0123456789 \nxas_";

    private static readonly Regex Tokens = new(@"[A-Za-z_][A-Za-z0-9_]*|\d+(\.\d+)?|\|>|\s+|.", RegexOptions.Compiled);

    [Fact]
    public void Mutated_sources_never_crash_the_compiler()
    {
        // The expansion-limit case is left out: each of its mutants expands 100,000 layers by design, which is slow on
        // a loaded CI machine without testing anything new.
        var sources = Directory.GetFiles(TestPaths.Baselines, "*.model", SearchOption.AllDirectories)
            .Where(f => !f.Contains("err_repeat_expressions", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => File.ReadAllText(f).Replace("\r\n", "\n"))
            .ToList();
        var library = File.ReadAllText(Path.Combine(TestPaths.Baselines, "resnet50", "blocks", "resnet.model"));
        var random = new Random(20261122);
        const int Iterations = 2000;
        for (var i = 0; i < Iterations; i++)
        {
            var text = sources[random.Next(sources.Count)];
            var mutations = 1 + random.Next(4);
            for (var m = 0; m < mutations; m++)
            {
                text = Mutate(text, random);
            }

            var files = new List<SourceFile> { new("main.model", text), new("blocks/resnet.model", library) };
            var watch = Stopwatch.StartNew();
            CompilationResult result;
            try
            {
                result = ModelCompiler.Compile(files, CompilationOptions.Default with { Emit = false }, default);
            }
            catch (Exception exception)
            {
                throw new InvalidOperationException($"iteration {i}: the compiler threw on this input:\n{text}", exception);
            }

            watch.Stop();
            // Generous: this guards against hangs and blow-ups, not against a busy machine.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"iteration {i} took {watch.Elapsed}:\n{text}");
            var internalError = result.Diagnostics.FirstOrDefault(d => d.Id == "MD2099");
            Assert.True(internalError is null, $"iteration {i}: {internalError}\n{text}");
        }
    }

    private static string Mutate(string text, Random random)
    {
        var tokens = Tokens.Matches(text).Select(m => m.Value).ToList();
        if (tokens.Count < 2)
        {
            return text + Noise[random.Next(Noise.Length)];
        }

        var i = random.Next(tokens.Count);
        var j = random.Next(tokens.Count);
        switch (random.Next(7))
        {
            case 0:
                tokens.RemoveAt(i);
                break;
            case 1:
                tokens.Insert(i, tokens[j]);
                break;
            case 2:
                (tokens[i], tokens[j]) = (tokens[j], tokens[i]);
                break;
            case 3:
                tokens.Insert(i, Noise[random.Next(Noise.Length)].ToString());
                break;
            case 4:
                // Numbers are where the arithmetic lives: make them large, zero or negative.
                tokens[i] = new[] { "0", "-1", "99999999", "2147483647", "1e308", "3" }[random.Next(6)];
                break;
            default:
                var builder = new StringBuilder(string.Concat(tokens));
                var position = random.Next(builder.Length);
                if (random.Next(2) == 0)
                {
                    builder.Remove(position, 1);
                }
                else
                {
                    builder.Insert(position, builder[random.Next(builder.Length)]);
                }

                return builder.ToString();
        }

        return string.Concat(tokens);
    }
}
