// Declarations only. Signatures read from dotnet/TorchSharp src/TorchSharp/Tensor/Tensor.cs, Tensor.Factories,
// src/TorchSharp/Torch.cs, Autograd.cs, DisposeScopeManager.cs and Device.cs, and checked against the 0.99.6 facts in
// TORCHSHARP_NOTES.md. Differences generated code avoids:
// - Tensor.grad() is a method in 0.99.6 and a property from 0.102.5: generated code never reads gradients directly
//   (optimizers do).
// - torch.inference_mode does not exist in 0.99.6: generated code uses torch.no_grad().
// - torch.tensor(...) takes (IList<T>/T[] rawArray, ReadOnlySpan<long>/long[] dimensions, ...) depending on the
//   release: generated code passes a T[] and a long[], which both accept.
using System;
using TorchSharp.Modules;

namespace TorchSharp
{
    public static partial class torch
    {
        public enum ScalarType : sbyte
        {
            Byte = 0,
            Int8 = 1,
            Int16 = 2,
            Int32 = 3,
            Int64 = 4,
            Float16 = 5,
            Float32 = 6,
            Float64 = 7,
            Bool = 11,
        }

        public enum DeviceType
        {
            CPU = 0,
            CUDA = 1,
        }

        public sealed class Device
        {
            public DeviceType type => throw null!;

            public int index => throw null!;
        }

        // Static fields (not properties) in TorchSharp's Device.cs.
        public static Device CPU = null!;

        public static Device CUDA = null!;

        public static partial class cuda
        {
            public static bool is_available() => throw null!;
        }

        public static IDisposable no_grad() => throw null!;

        public static DisposeScope NewDisposeScope() => throw null!;

        public static Generator manual_seed(long seed) => throw null!;

        public static Tensor cat(System.Collections.Generic.IList<Tensor> tensors, long dim = 0) => throw null!;

        public static Tensor ones_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) => throw null!;

        public static Tensor sigmoid(Tensor input) => throw null!;

        public static Tensor tanh(Tensor input) => throw null!;

        // Tensor.Factories.cs (0.99 line): tensor(IList<T> rawArray, long[] dimensions, ...); later releases take
        // ReadOnlySpan<long> dimensions. Generated code passes a T[] and a long[], which bind to either.
        public static Tensor tensor(System.Collections.Generic.IList<float> rawArray, long[] dimensions, ScalarType? dtype = null, Device? device = null, bool requiresGrad = false) => throw null!;

        public static Tensor tensor(System.Collections.Generic.IList<long> rawArray, long[] dimensions, ScalarType? dtype = null, Device? device = null, bool requiresGrad = false) => throw null!;

        public sealed class Generator
        {
        }

        public partial class Tensor : IDisposable
        {
            internal Tensor() => throw null!;

            public void Dispose() => throw null!;

            public long[] shape => throw null!;

            public bool requires_grad { get => throw null!; set => throw null!; }

            public T item<T>() where T : unmanaged => throw null!;

            public TensorAccessor<T> data<T>() where T : unmanaged => throw null!;

            public void backward() => throw null!;

            public Tensor detach() => throw null!;

            public Tensor clone() => throw null!;

            public Tensor copy_(Tensor source, bool nonBlocking = false) => throw null!;

            public Tensor cpu() => throw null!;

            public Tensor to(Device device, bool copy = false) => throw null!;

            public Tensor flatten(long start_dim = 0, long end_dim = -1) => throw null!;

            public Tensor reshape(params long[] shape) => throw null!;

            public Tensor argmax(long dim, bool keepdim = false) => throw null!;

            public Tensor eq(Tensor target) => throw null!;

            public Tensor sum() => throw null!;

            public Tensor mean() => throw null!;

            public Tensor MoveToOuterDisposeScope() => throw null!;

            public static Tensor operator +(Tensor left, Tensor right) => throw null!;

            public static Tensor operator *(Tensor left, double right) => throw null!;

            public static Tensor operator /(Tensor left, Tensor right) => throw null!;
        }
    }

    public sealed class DisposeScope : IDisposable
    {
        private DisposeScope() => throw null!;

        public void Dispose() => throw null!;
    }

    public sealed class TensorAccessor<T> : IDisposable where T : unmanaged
    {
        private TensorAccessor() => throw null!;

        public T[] ToArray() => throw null!;

        public void Dispose() => throw null!;
    }
}

namespace TorchSharp.Modules
{
    public sealed class Parameter : torch.Tensor
    {
        private Parameter() => throw null!;
    }
}
