// Declarations only. Factory signatures read from dotnet/TorchSharp:
// - src/TorchSharp/NN/Linear.cs (Linear(long inputSize, long outputSize, bool hasBias = true, Device? device = null, ScalarType? dtype = null); same in 0.99.6)
// - src/TorchSharp/NN/Convolution/Conv2D.cs at 06a68ab55100e3731ad086406dfc0b2f1831c38c: the long and (long, long) overloads and
//   the two taking TorchSharp.Padding (declared so ambiguous calls fail the compile tests).
//   0.99.6 names the parameters inputChannel/outputChannel/paddingMode; 0.102.3 renamed paddingMode to padding_mode and later
//   releases in_channels/out_channels. Generated code passes every argument positionally, so both compile.
// - src/TorchSharp/NN/Normalization/BatchNorm1D.cs, BatchNorm2D.cs at 031680820d27df9658f862499dccc8684e965719
//   (features, eps, momentum, affine, track_running_stats); current releases add device/dtype at the end.
// - src/TorchSharp/NN/Pooling/MaxPool2D.cs (kernel_size, stride?, padding?, dilation?, ceil_mode) and its long[] overload,
//   present in 0.99.6 (kernelSize, strides, padding, dilation, ceilMode) and current releases.
// - AvgPool2d(long kernel_size, long? stride, long? padding, bool ceil_mode, bool count_include_pad, ...) and its long[]
//   overload per TORCHSHARP_NOTES.md (0.99.6) and the current src/TorchSharp/NN/Pooling/AvgPool2D.cs.
// - AdaptiveAvgPool2d(long), AdaptiveMaxPool2d(long), Dropout(double p = 0.5, bool inplace = false),
//   Flatten(long startDim = 1, long endDim = -1) (start_dim/end_dim later), ZeroPad2d(long) and
//   ZeroPad2d((long left, long right, long top, long bottom)) (tuple overloads since 0.99.4).
using TorchSharp.Modules;

namespace TorchSharp
{
    public enum PaddingModes
    {
        Zeros = 0,
        Reflect = 1,
        Replicate = 2,
        Circular = 3,
        Constant = 4,
    }

    /// <summary>Conv2D.cs: the padding shorthands of the Conv2d overloads that take a <c>Padding</c> (Same only for stride 1).
    /// Declared so that the compile tests catch a call that would be ambiguous with them.</summary>
    public enum Padding
    {
        Valid = 0,
        Same = 1,
    }

    public static partial class torch
    {
        public static partial class nn
        {
            public static Linear Linear(long inputSize, long outputSize, bool hasBias = true, Device? device = null, ScalarType? dtype = null) => throw null!;

            public static Conv2d Conv2d(long inputChannel, long outputChannel, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, PaddingModes paddingMode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) => throw null!;

            public static Conv2d Conv2d(long inputChannel, long outputChannel, long kernelSize, Padding padding, long stride = 1, long dilation = 1, PaddingModes paddingMode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) => throw null!;

            public static Conv2d Conv2d(long inputChannel, long outputChannel, (long, long) kernelSize, Padding padding, (long, long)? stride = null, (long, long)? dilation = null, PaddingModes paddingMode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) => throw null!;

            public static Conv2d Conv2d(long inputChannel, long outputChannel, (long, long) kernelSize, (long, long)? stride = null, (long, long)? padding = null, (long, long)? dilation = null, PaddingModes paddingMode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) => throw null!;

            public static BatchNorm1d BatchNorm1d(long features, double eps = 1e-05, double momentum = 0.1, bool affine = true, bool track_running_stats = true, Device? device = null, ScalarType? dtype = null) => throw null!;

            public static BatchNorm2d BatchNorm2d(long features, double eps = 1e-05, double momentum = 0.1, bool affine = true, bool track_running_stats = true, Device? device = null, ScalarType? dtype = null) => throw null!;

            public static MaxPool2d MaxPool2d(long kernelSize, long? stride = null, long? padding = null, long? dilation = null, bool ceilMode = false) => throw null!;

            public static MaxPool2d MaxPool2d(long[] kernelSize, long[]? strides = null, long[]? padding = null, long[]? dilation = null, bool ceilMode = false) => throw null!;

            public static AvgPool2d AvgPool2d(long kernel_size, long? stride = null, long? padding = null, bool ceil_mode = false, bool count_include_pad = true, long? divisor_override = null) => throw null!;

            public static AvgPool2d AvgPool2d(long[] kernel_size, long[]? strides = null, long[]? padding = null, bool ceil_mode = false, bool count_include_pad = true, long? divisor_override = null) => throw null!;

            public static AdaptiveAvgPool2d AdaptiveAvgPool2d(long outputSize) => throw null!;

            public static AdaptiveMaxPool2d AdaptiveMaxPool2d(long outputSize) => throw null!;

            public static Dropout Dropout(double p = 0.5, bool inplace = false) => throw null!;

            public static Flatten Flatten(long startDim = 1, long endDim = -1) => throw null!;

            public static ZeroPad2d ZeroPad2d(long padding) => throw null!;

            public static ZeroPad2d ZeroPad2d((long, long, long, long) padding) => throw null!;
        }
    }
}

namespace TorchSharp.Modules
{
    using static TorchSharp.torch;

    public sealed class Linear : nn.Module<Tensor, Tensor>
    {
        private Linear() : base(nameof(Linear)) => throw null!;

        public override Tensor forward(Tensor tensor) => throw null!;
    }

    public sealed class Conv2d : nn.Module<Tensor, Tensor>
    {
        private Conv2d() : base(nameof(Conv2d)) => throw null!;

        public override Tensor forward(Tensor input) => throw null!;
    }

    public sealed class BatchNorm1d : nn.Module<Tensor, Tensor>
    {
        private BatchNorm1d() : base(nameof(BatchNorm1d)) => throw null!;

        public override Tensor forward(Tensor tensor) => throw null!;
    }

    public sealed class BatchNorm2d : nn.Module<Tensor, Tensor>
    {
        private BatchNorm2d() : base(nameof(BatchNorm2d)) => throw null!;

        public override Tensor forward(Tensor tensor) => throw null!;
    }

    public sealed class MaxPool2d : nn.Module<Tensor, Tensor>
    {
        private MaxPool2d() : base(nameof(MaxPool2d)) => throw null!;

        public override Tensor forward(Tensor input) => throw null!;
    }

    public sealed class AvgPool2d : nn.Module<Tensor, Tensor>
    {
        private AvgPool2d() : base(nameof(AvgPool2d)) => throw null!;

        public override Tensor forward(Tensor input) => throw null!;
    }

    public sealed class AdaptiveAvgPool2d : nn.Module<Tensor, Tensor>
    {
        private AdaptiveAvgPool2d() : base(nameof(AdaptiveAvgPool2d)) => throw null!;

        public override Tensor forward(Tensor input) => throw null!;
    }

    public sealed class AdaptiveMaxPool2d : nn.Module<Tensor, Tensor>
    {
        private AdaptiveMaxPool2d() : base(nameof(AdaptiveMaxPool2d)) => throw null!;

        public override Tensor forward(Tensor input) => throw null!;
    }

    public sealed class Dropout : nn.Module<Tensor, Tensor>
    {
        private Dropout() : base(nameof(Dropout)) => throw null!;

        public override Tensor forward(Tensor tensor) => throw null!;
    }

    public sealed class Flatten : nn.Module<Tensor, Tensor>
    {
        private Flatten() : base(nameof(Flatten)) => throw null!;

        public override Tensor forward(Tensor tensor) => throw null!;
    }

    public sealed class ZeroPad2d : nn.Module<Tensor, Tensor>
    {
        private ZeroPad2d() : base(nameof(ZeroPad2d)) => throw null!;

        public override Tensor forward(Tensor input) => throw null!;
    }
}
