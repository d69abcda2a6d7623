namespace ModelDsl.Compiler.Syntax;

/// <summary>The start of a pipeline: its source tensor and, when the source was written as a call, that call as the
/// first step.</summary>
internal sealed record PipelineHead(IdentifierSyntax Source, LayerCallSyntax? FirstStep);
