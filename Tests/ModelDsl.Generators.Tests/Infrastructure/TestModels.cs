namespace ModelDsl.Generators.Tests.Infrastructure;

/// <summary>The language specification's examples, used as valid inputs.</summary>
public static class TestModels
{
    public const string Mnist = """
        model MnistDnn {
            input image: float[1, 28, 28]
            flatten()
            dense(512, activation: relu)
            dense(512, activation: relu)
            dense(10, activation: softmax)
        }
        """;

    public const string MnistTraining = """
        train MnistDnn {
            loss: sparse_categorical_crossentropy
            optimizer: adam(lr: 0.001)
            metrics: [accuracy]
            epochs: 10
            batch_size: 32
            validation_split: 0.1
        }
        """;

    public const string AgeAndGender = """
        model AgeAndGender {
            input measures: float[3]
            dense(10, activation: relu)
            dense(10, activation: relu)
            let trunk = x
            output age    = trunk |> dense(5, activation: softmax)
            output gender = trunk |> dense(2, activation: softmax)
        }
        """;

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

    public const string ResNet50 = """
        import "resnet_blocks.model"

        model ResNet50 {
            input image: float[3, 224, 224]
            stem    { zeropad2d(3)  conv2d(64, kernel: 7, stride: 2)  batchnorm()  relu()  zeropad2d(1)  maxpool2d(3, stride: 2) }
            learner { residual_group(64, blocks: 3, stride: 1)  residual_group(128, blocks: 4)
                      residual_group(256, blocks: 6)            residual_group(512, blocks: 3) }
            task    { global_avgpool2d()  dense(1000, activation: softmax) }
        }
        """;

    /// <summary>One mistake of each family: shape (4,5), name (5,5), argument (6,16), syntax (7,25), training (13,13).</summary>
    public const string OneMistakeOfEachFamily = """
        model Small {
            input image: float[1, 28, 28]
            conv2d(8, kernel: 3, activation: relu)
            dense(10, activation: softmax)
            maxpol2d(2)
            conv2d(16, kernal: 3)
            conv2d(8, kernel: 3,, activation: relu)
        }

        train Small {
            loss: sparse_categorical_crossentropy
            optimizer: adam(lr: 0.001)
            epochs: 0
        }
        """;

    /// <summary>dense on a rank-3 tensor: a shape error on line 4, column 5 (the <c>dense</c> call).</summary>
    public const string DenseWithoutFlatten = """
        model NoFlatten {
            input image: float[1, 28, 28]
            conv2d(8, kernel: 3)
            dense(10, activation: softmax)
        }
        """;

    /// <summary>A model whose body is never closed: a syntax error.</summary>
    public const string Unclosed = """
        model Unclosed {
            input image: float[1, 28, 28]
            flatten()
            dense(10
        """;
}
