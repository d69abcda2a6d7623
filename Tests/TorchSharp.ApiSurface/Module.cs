// Declarations only. Signatures read from dotnet/TorchSharp src/TorchSharp/NN/Module.cs at commit
// 00171bac6940b812590a39525f3d8b4c7cec5085 (the 0.101/0.102 line) and checked against the 0.99.6 facts in
// /work/shared/spec/TORCHSHARP_NOTES.md (verified there by compiling against 0.99.6).
// Differences between 0.99.6 and current releases that generated code avoids:
// - train()/eval() return void in 0.99.6 and the 0.10x line read here; some later releases return the module,
//   so generated code calls them as statements and never chains them.
// - save()/load() return Module in both; generated code ignores the result.
// - register_module(name, module) calls submodule.RegisterComponents() (reflection over fields). Generated modules
//   name each field exactly like the registered submodule, so that call finds nothing new to register.
using System;
using System.Collections.Generic;
using TorchSharp.Modules;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        public class Module : IDisposable
        {
            protected Module(string name) => throw null!;

            public void Dispose() => throw null!;

            protected virtual void Dispose(bool disposing) => throw null!;

            public virtual void train(bool train = true) => throw null!;

            public virtual void eval() => throw null!;

            public virtual bool training => throw null!;

            public virtual void zero_grad() => throw null!;

            public virtual IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true) => throw null!;

            public virtual IEnumerable<Parameter> parameters(bool recurse = true) => throw null!;

            public virtual IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true) => throw null!;

            public virtual Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null) => throw null!;

            public virtual void register_module(string name, Module submodule) => throw null!;

            public Module save(string location, IList<string>? skip = null) => throw null!;

            public Module save(System.IO.Stream stream, IList<string>? skip = null) => throw null!;

            public Module save(System.IO.BinaryWriter writer, IList<string>? skip = null) => throw null!;

            public virtual Module load(string location, bool strict = true, IList<string>? skip = null) => throw null!;

            public Module load(System.IO.Stream stream, bool strict = true, IList<string>? skip = null) => throw null!;

            public virtual Module load(System.IO.BinaryReader reader, bool strict = true, IList<string>? skip = null) => throw null!;
        }

        public abstract class Module<T, TResult> : Module
        {
            protected Module(string name) : base(name) => throw null!;

            public abstract TResult forward(T input);

            public TResult call(T input) => throw null!;
        }

        public abstract class Module<T1, T2, TResult> : Module
        {
            protected Module(string name) : base(name) => throw null!;

            public abstract TResult forward(T1 input1, T2 input2);

            public TResult call(T1 input1, T2 input2) => throw null!;
        }

        public abstract class Module<T1, T2, T3, TResult> : Module
        {
            protected Module(string name) : base(name) => throw null!;

            public abstract TResult forward(T1 input1, T2 input2, T3 input3);

            public TResult call(T1 input1, T2 input2, T3 input3) => throw null!;
        }

        public abstract class Module<T1, T2, T3, T4, TResult> : Module
        {
            protected Module(string name) : base(name) => throw null!;

            public abstract TResult forward(T1 input1, T2 input2, T3 input3, T4 input4);

            public TResult call(T1 input1, T2 input2, T3 input3, T4 input4) => throw null!;
        }

        public abstract class Module<T1, T2, T3, T4, T5, TResult> : Module
        {
            protected Module(string name) : base(name) => throw null!;

            public abstract TResult forward(T1 input1, T2 input2, T3 input3, T4 input4, T5 input5);

            public TResult call(T1 input1, T2 input2, T3 input3, T4 input4, T5 input5) => throw null!;
        }

        public abstract class Module<T1, T2, T3, T4, T5, T6, TResult> : Module
        {
            protected Module(string name) : base(name) => throw null!;

            public abstract TResult forward(T1 input1, T2 input2, T3 input3, T4 input4, T5 input5, T6 input6);

            public TResult call(T1 input1, T2 input2, T3 input3, T4 input4, T5 input5, T6 input6) => throw null!;
        }
    }
}

/// <summary>Module.cs: <c>ModuleExtensionMethods.to&lt;T&gt;(this T module, Device device)</c> (an instance method returning Module in older releases; generated code uses it as a statement).</summary>
public static class ModuleExtensionMethods
{
    public static T to<T>(this T module, torch.Device device) where T : torch.nn.Module => throw null!;
}
