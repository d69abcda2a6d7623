using System.Collections.Generic;
using System.Globalization;

namespace ModelDsl.Bench.Generator;

/// <summary>The <c>.model</c> projects the generator benchmarks compile.</summary>
public static class BenchmarkModels
{
    public const string ResNetBlocks = """
        block bottleneck(filters: int) {
            let shortcut = input
            conv2d(filters, kernel: 1)        batchnorm()  relu()
            conv2d(filters, kernel: 3, padding: same)  batchnorm()  relu()
            conv2d(filters * 4, kernel: 1)    batchnorm()
            add(shortcut)
            relu()
        }

        block projection(filters: int, stride: int = 2) {
            let shortcut = input |> conv2d(filters * 4, kernel: 1, stride: stride) |> batchnorm()
            conv2d(filters, kernel: 1, stride: stride)  batchnorm()  relu()
            conv2d(filters, kernel: 3, padding: same)   batchnorm()  relu()
            conv2d(filters * 4, kernel: 1)              batchnorm()
            add(shortcut)
            relu()
        }

        group residual_group(filters: int, blocks: int, stride: int = 2) {
            projection(filters, stride: stride)
            repeat blocks - 1 { bottleneck(filters) }
        }
        """;

    public static string ResNet(string name, int blocks1, int blocks2, int blocks3, int blocks4) => $$"""
        import "resnet_blocks.model"

        model {{name}} {
            input image: float[3, 224, 224]
            stem    { zeropad2d(3)  conv2d(64, kernel: 7, stride: 2)  batchnorm()  relu()  zeropad2d(1)  maxpool2d(3, stride: 2) }
            learner { residual_group(64, blocks: {{blocks1}}, stride: 1)  residual_group(128, blocks: {{blocks2}})
                      residual_group(256, blocks: {{blocks3}})            residual_group(512, blocks: {{blocks4}}) }
            task    { global_avgpool2d()  dense(1000, activation: softmax) }
        }
        """;

    public static IReadOnlyList<(string Name, string Text)> ResNet50 { get; } = new[]
    {
        ("resnet_blocks.model", ResNetBlocks),
        ("resnet50.model", ResNet("ResNet50", 3, 4, 6, 3)),
    };

    public static IReadOnlyList<(string Name, string Text)> ResNet152 { get; } = new[]
    {
        ("resnet_blocks.model", ResNetBlocks),
        ("resnet152.model", ResNet("ResNet152", 3, 8, 36, 3)),
    };

    /// <summary>A project of <paramref name="count"/> files, each a block and a small CNN that uses it.</summary>
    public static IReadOnlyList<(string Name, string Text)> Project(int count)
    {
        var files = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            files.Add(($"net{i:00}.model", SmallNetwork(i, 128)));
        }

        return files;
    }

    /// <summary>One file of <see cref="Project"/>; <paramref name="units"/> varies it for the incremental edit.</summary>
    public static string SmallNetwork(int index, int units) => string.Format(CultureInfo.InvariantCulture, """
        // Network {0}: a conv block repeated, then a dense head.
        block conv_block_{0}(filters: int) {{
            conv2d(filters, kernel: 3, padding: same)  batchnorm()  relu()
            conv2d(filters, kernel: 3, padding: same)  batchnorm()  relu()
            maxpool2d(2)
        }}

        model Net{0} {{
            input image: float[3, 64, 64]
            conv_block_{0}(32)
            conv_block_{0}(64)
            conv_block_{0}(128)
            flatten()
            dense({1}, activation: relu)
            dropout(0.5)
            dense(10, activation: softmax)
        }}
        """, index, units);
}
