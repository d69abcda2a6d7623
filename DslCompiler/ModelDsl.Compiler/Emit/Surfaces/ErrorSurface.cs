namespace ModelDsl.Compiler.Emit.Surfaces;

/// <summary>
/// A type the user's C# expects but the compiler could not generate, because its <c>.model</c> declaration (or the model
/// it trains) has errors. It is emitted anyway, with the declared name, namespace and public members, every member
/// throwing <see cref="System.InvalidOperationException"/> with <see cref="Errors"/>: the build then fails with the
/// <c>.model</c> errors alone instead of burying them under C# errors about a missing type.
/// </summary>
/// <param name="TypeName">The C# type name, as the real emission would write it.</param>
/// <param name="Namespace">The C# namespace, as the real emission would write it.</param>
/// <param name="SourcePath">The <c>.model</c> file that declares it.</param>
/// <param name="Errors">The errors that stopped generation, as compilers print them (file name only, no directories,
/// so the output does not depend on where the project lives).</param>
public abstract record ErrorSurface(string TypeName, string Namespace, string SourcePath, EquatableArray<string> Errors);
