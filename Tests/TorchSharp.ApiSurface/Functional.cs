// Declarations only. Signatures read from dotnet/TorchSharp:
// - src/TorchSharp/NN/Activation/*.cs functional sections: relu(Tensor x, bool inplace = false),
//   leaky_relu(Tensor input, double negative_slope = 0.01, bool inplace = false), elu(Tensor x, double alpha = 1.0, bool inplace = false),
//   gelu(Tensor x) (later releases add overloads taking inplace), softmax/log_softmax(Tensor input, long dim, ScalarType? dtype = null).
// - src/TorchSharp/NN/Padding/*.cs (commit of id 7158008306): pad(Tensor input, long[] pad, PaddingModes mode = Constant, double value = 0).
// - src/TorchSharp/NN/Losses.cs: cross_entropy(input, target, weight = null, ignore_index = -100, reduction = Mean, label_smoothing = 0.0),
//   nll_loss, mse_loss, l1_loss, binary_cross_entropy, binary_cross_entropy_with_logits (0.99.6 per TORCHSHARP_NOTES.md).
//   Generated code passes only (input, target), positionally: the first parameters' names differ between releases.
using TorchSharp.Modules;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        public enum Reduction
        {
            None = 0,
            Mean = 1,
            Sum = 2,
        }

        public static partial class functional
        {
            public static Tensor relu(Tensor x, bool inplace = false) => throw null!;

            public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01, bool inplace = false) => throw null!;

            public static Tensor elu(Tensor x, double alpha = 1.0, bool inplace = false) => throw null!;

            public static Tensor gelu(Tensor x) => throw null!;

            public static Tensor softmax(Tensor input, long dim, ScalarType? dtype = null) => throw null!;

            public static Tensor log_softmax(Tensor input, long dim, ScalarType? dtype = null) => throw null!;

            public static Tensor pad(Tensor input, long[] pad, PaddingModes mode = PaddingModes.Constant, double value = 0) => throw null!;

            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100, Reduction reduction = Reduction.Mean, double label_smoothing = 0.0) => throw null!;

            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean) => throw null!;

            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) => throw null!;

            public static Tensor l1_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) => throw null!;

            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean) => throw null!;

            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? pos_weights = null) => throw null!;
        }
    }
}
