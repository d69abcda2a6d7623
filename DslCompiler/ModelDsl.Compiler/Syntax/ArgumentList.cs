using ModelDsl.Compiler.Diagnostics;

namespace ModelDsl.Compiler.Syntax;

/// <summary>A parenthesised argument list and the span of its closing parenthesis (where the call's span ends).</summary>
internal sealed record ArgumentList(EquatableArray<ArgumentSyntax> Arguments, SourceSpan Close);
