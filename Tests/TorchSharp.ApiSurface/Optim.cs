// Declarations only. Signatures read from dotnet/TorchSharp src/TorchSharp/Optimizers/*.cs:
// - Optimizer.cs (file id 7036229030): Optimizer.zero_grad(), step(Func<Tensor>? closure = null) returning Tensor,
//   ParamGroups (IEnumerable<ILearningRateController> with LearningRate get/set), and OptimizerHelper (the base of
//   every managed optimizer) with save_state_dict/load_state_dict over a path or a BinaryWriter/Reader (TorchSharp's own
//   format, since 0.99.4).
// - Adam/AdamW(parameters, lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weight_decay = 0 (AdamW: 0.01), amsgrad = false, maximize = false)
// - SGD(parameters, learningRate, momentum = 0, dampening = 0, weight_decay = 0, nesterov = false, maximize = false) (no default rate)
// - RMSProp(parameters, lr = 0.01, alpha = 0.99, eps = 1e-8, weight_decay = 0, momentum = 0, centered = false, maximize = false)
// - Adagrad(parameters, lr = 1e-2, lr_decay = 0, weight_decay = 0, initial_accumulator_value = 0, eps = 1e-10)
// - Adadelta(parameters, lr = 1.0, rho = 0.9, eps = 1e-6, weight_decay = 0) (later: maximize = false appended)
// - Adamax(parameters, lr = 0.002, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weight_decay = 0)
// - NAdam(parameters, lr = 0.002, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weight_decay = 0, momentum_decay = 4e-3)
//   (the first parameter is named named_parameters in NAdam.cs): generated code passes every argument positionally.
using System;
using System.Collections.Generic;
using TorchSharp.Modules;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class optim
        {
            public abstract partial class Optimizer : IDisposable
            {
                public void Dispose() => throw null!;

                public virtual void zero_grad() => throw null!;

                public virtual Tensor step(Func<Tensor>? closure = null) => throw null!;

                public virtual IEnumerable<ILearningRateController> ParamGroups => throw null!;
            }

            public interface ILearningRateController
            {
                double LearningRate { set; get; }

                double InitialLearningRate { set; get; }
            }

            public static Adam Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) => throw null!;

            public static AdamW AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0.01, bool amsgrad = false, bool maximize = false) => throw null!;

            public static SGD SGD(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false, bool maximize = false) => throw null!;

            public static RMSProp RMSProp(IEnumerable<Parameter> parameters, double lr = 0.01, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false, bool maximize = false) => throw null!;

            public static Adagrad Adagrad(IEnumerable<Parameter> parameters, double lr = 1e-2, double lr_decay = 0, double weight_decay = 0, double initial_accumulator_value = 0, double eps = 1e-10) => throw null!;

            public static Adadelta Adadelta(IEnumerable<Parameter> parameters, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weight_decay = 0) => throw null!;

            public static Adamax Adamax(IEnumerable<Parameter> parameters, double lr = 0.002, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0) => throw null!;

            public static NAdam NAdam(IEnumerable<Parameter> named_parameters, double lr = 0.002, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, double momentum_decay = 4e-3) => throw null!;
        }
    }
}

namespace TorchSharp.Modules
{
    public abstract class OptimizerHelper : torch.optim.Optimizer
    {
        public void save_state_dict(string location) => throw null!;

        public void load_state_dict(string location) => throw null!;

        public void save_state_dict(System.IO.BinaryWriter writer) => throw null!;

        public void load_state_dict(System.IO.BinaryReader reader) => throw null!;
    }

    public sealed class Adam : OptimizerHelper
    {
        private Adam() => throw null!;
    }

    public sealed class AdamW : OptimizerHelper
    {
        private AdamW() => throw null!;
    }

    public sealed class SGD : OptimizerHelper
    {
        private SGD() => throw null!;
    }

    public sealed class RMSProp : OptimizerHelper
    {
        private RMSProp() => throw null!;
    }

    public sealed class Adagrad : OptimizerHelper
    {
        private Adagrad() => throw null!;
    }

    public sealed class Adadelta : OptimizerHelper
    {
        private Adadelta() => throw null!;
    }

    public sealed class Adamax : OptimizerHelper
    {
        private Adamax() => throw null!;
    }

    public sealed class NAdam : OptimizerHelper
    {
        private NAdam() => throw null!;
    }
}
