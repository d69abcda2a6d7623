using System.Collections.Generic;

namespace ModelDsl.Compiler.Diagnostics;

/// <summary>
/// Every diagnostic the compiler reports, in one place (the model is Bicep's DiagnosticBuilder): a descriptor per ID
/// and a factory method per ID that writes the message. IDs are never reused; each has a test and a line in
/// docs/diagnostics.md. Messages say what was expected, what was found and, where there is one, the fix.
/// </summary>
public static class DiagnosticCatalog
{
    // Declared first: the descriptors below register themselves here as the static fields initialise in order.
    private static readonly List<DiagnosticDescriptor> Registry = new();

    /// <summary>All descriptors, in ID order of declaration.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => Registry;

    private static DiagnosticDescriptor Define(string id, DiagnosticSeverity severity, string category, string title)
    {
        var descriptor = new DiagnosticDescriptor(id, severity, category, title);
        Registry.Add(descriptor);
        return descriptor;
    }

    private static DiagnosticDescriptor Error(string id, string category, string title) => Define(id, DiagnosticSeverity.Error, category, title);

    private static DiagnosticDescriptor Warning(string id, string category, string title) => Define(id, DiagnosticSeverity.Warning, category, title);

    // ───────────────────────────── MD1xxx: syntax ─────────────────────────────

    public static readonly DiagnosticDescriptor UnexpectedTokenDescriptor = Error("MD1001", "Syntax", "Unexpected token");
    public static readonly DiagnosticDescriptor UnterminatedStringDescriptor = Error("MD1002", "Syntax", "Unterminated string");
    public static readonly DiagnosticDescriptor UnterminatedCommentDescriptor = Error("MD1003", "Syntax", "Unterminated block comment");
    public static readonly DiagnosticDescriptor InvalidNumberDescriptor = Error("MD1004", "Syntax", "Invalid number");
    public static readonly DiagnosticDescriptor InvalidCharacterDescriptor = Error("MD1005", "Syntax", "Invalid character");
    public static readonly DiagnosticDescriptor KeywordAsNameDescriptor = Error("MD1006", "Syntax", "Keyword used as a name");
    public static readonly DiagnosticDescriptor MissingCloseBraceDescriptor = Error("MD1007", "Syntax", "Missing '}'");
    public static readonly DiagnosticDescriptor ExpectedDeclarationDescriptor = Error("MD1008", "Syntax", "Expected a declaration");
    public static readonly DiagnosticDescriptor UnmatchedCloseBraceDescriptor = Error("MD1009", "Syntax", "Unmatched '}'");
    public static readonly DiagnosticDescriptor InvalidEscapeDescriptor = Error("MD1010", "Syntax", "Invalid escape sequence");
    public static readonly DiagnosticDescriptor MisplacedSectionDescriptor = Error("MD1011", "Syntax", "Section outside a model body");
    public static readonly DiagnosticDescriptor MisplacedInputDescriptor = Error("MD1012", "Syntax", "Misplaced input declaration");
    public static readonly DiagnosticDescriptor PositionalAfterNamedDescriptor = Error("MD1013", "Syntax", "Positional argument after a named one");
    public static readonly DiagnosticDescriptor DuplicateNamespaceDescriptor = Error("MD1014", "Syntax", "More than one namespace declaration");
    public static readonly DiagnosticDescriptor NestingTooDeepDescriptor = Error("MD1015", "Syntax", "Nesting too deep");
    public static readonly DiagnosticDescriptor MisplacedTrainItemDescriptor = Error("MD1016", "Syntax", "Misplaced stage, data or augment");
    public static readonly DiagnosticDescriptor CallAsPipelineSourceDescriptor = Error("MD1017", "Syntax", "Pipeline starts with a call");

    /// <summary>MD1001: the parser found a token where the grammar allows others.</summary>
    public static Diagnostic UnexpectedToken(SourceSpan span, string expected, string found, string? fix = null) =>
        new(UnexpectedTokenDescriptor, span, $"expected {expected} but found {found}" + (fix is null ? string.Empty : "; " + fix));

    /// <summary>MD1002: a string literal runs into the end of its line or of the file.</summary>
    public static Diagnostic UnterminatedString(SourceSpan span) =>
        new(UnterminatedStringDescriptor, span, "unterminated string: expected a closing '\"' before the end of the line; add '\"' (write \\\" for a quote inside a string)");

    /// <summary>MD1003: a <c>/*</c> comment has no <c>*/</c>.</summary>
    public static Diagnostic UnterminatedComment(SourceSpan span) =>
        new(UnterminatedCommentDescriptor, span, "unterminated block comment: expected '*/' but found the end of the file; close the comment with '*/'");

    /// <summary>MD1004: a numeric literal that is malformed or out of range.</summary>
    public static Diagnostic InvalidNumber(SourceSpan span, string text, string reason) =>
        new(InvalidNumberDescriptor, span, $"'{text}' is not a valid number: {reason}");

    /// <summary>MD1005: a character that starts no token of the language.</summary>
    public static Diagnostic InvalidCharacter(SourceSpan span, string character, string expected) =>
        new(InvalidCharacterDescriptor, span, $"invalid character {character}: expected {expected}; remove it (names use only letters, digits and '_')");

    /// <summary>MD1006: a reserved word where a name is declared.</summary>
    public static Diagnostic KeywordAsName(SourceSpan span, string keyword, string what) =>
        new(KeywordAsNameDescriptor, span, $"expected {what} but found the keyword '{keyword}', which is reserved; choose another name, such as '{keyword}_'");

    /// <summary>MD1007: a body's <c>{</c> is never closed (reported at the opening brace).</summary>
    public static Diagnostic MissingCloseBrace(SourceSpan openBrace, string owner, string found) =>
        new(MissingCloseBraceDescriptor, openBrace, $"the '{{' of {owner} is never closed: expected '}}' but found {found}; add '}}' at the end of the body");

    /// <summary>MD1008: something at the top level that does not start a declaration.</summary>
    public static Diagnostic ExpectedDeclaration(SourceSpan span, string found, string? suggestion) =>
        new(ExpectedDeclarationDescriptor, span, $"expected a declaration (namespace, import, block, group, model or train) but found {found}"
            + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?"));

    /// <summary>MD1009: a <c>}</c> with no <c>{</c> to close.</summary>
    public static Diagnostic UnmatchedCloseBrace(SourceSpan span) =>
        new(UnmatchedCloseBraceDescriptor, span, "expected a declaration but found '}', which closes nothing; remove it or add the '{' it belongs to");

    /// <summary>MD1010: a backslash escape other than <c>\"</c> and <c>\\</c>.</summary>
    public static Diagnostic InvalidEscape(SourceSpan span, string escape) =>
        new(InvalidEscapeDescriptor, span, $"invalid escape sequence '{escape}' in a string: expected \\\" or \\\\; write \\\\ for a backslash");

    /// <summary>MD1011: <c>stem</c>/<c>learner</c>/<c>task</c> somewhere other than directly in a model body.</summary>
    public static Diagnostic MisplacedSection(SourceSpan span, string section, string where) =>
        new(MisplacedSectionDescriptor, span, $"section '{section}' is not allowed {where}: sections go directly inside a model body; move it there or write its statements without the section");

    /// <summary>MD1012: an <c>input</c> declaration outside a model or after the model's first statement.</summary>
    public static Diagnostic MisplacedInput(SourceSpan span, string name, string reason) =>
        new(MisplacedInputDescriptor, span, $"input '{name}' {reason}");

    /// <summary>MD1013: a positional argument written after a named one.</summary>
    public static Diagnostic PositionalAfterNamed(SourceSpan span, string namedArgument) =>
        new(PositionalAfterNamedDescriptor, span, $"expected a named argument after '{namedArgument}:' but found a positional one; put positional arguments first or give this one its name");

    /// <summary>MD1014: a second <c>namespace</c> declaration in one file.</summary>
    public static Diagnostic DuplicateNamespace(SourceSpan span, string first, SourceSpan firstSpan) =>
        new(DuplicateNamespaceDescriptor, span, $"the file already declares namespace '{first}' at ({firstSpan.Line},{firstSpan.Column}); a file has at most one namespace declaration, remove one");

    /// <summary>MD1015: brackets, expressions or bodies nested beyond what the parser accepts.</summary>
    public static Diagnostic NestingTooDeep(SourceSpan span, int limit) =>
        new(NestingTooDeepDescriptor, span, $"nesting is too deep: at most {limit} levels of parentheses, brackets or bodies are allowed; simplify the expression or split the declaration");

    /// <summary>MD1016: <c>stage</c>, <c>data</c> or <c>augment</c> in the wrong body.</summary>
    public static Diagnostic MisplacedTrainItem(SourceSpan span, string item, string allowedIn) =>
        new(MisplacedTrainItemDescriptor, span, $"'{item}' is not allowed here: expected it {allowedIn}; move it there");

    /// <summary>MD1017: <c>let a = conv2d(...)</c> instead of <c>let a = x |&gt; conv2d(...)</c>.</summary>
    public static Diagnostic CallAsPipelineSource(SourceSpan span, string callee) =>
        new(CallAsPipelineSourceDescriptor, span, $"expected a tensor name (x, input, a let name or a model input) at the start of the pipeline but found the call '{callee}(...)'; write 'x |> {callee}(...)' to apply it to the current tensor");

    // ─────────────────────── end of MD1xxx (keep this marker) ───────────────────────

    // ──────────────────────── MD2xxx: names and arguments ────────────────────────

    // ─────────────────────── end of MD2xxx (keep this marker) ───────────────────────

    // ─────────── MD21xx: names in train declarations (losses, optimisers, schedules, metrics) ───────────

    // ─────────────────────── end of MD21xx (keep this marker) ───────────────────────

    // ───────────────────────────── MD3xxx: shapes ─────────────────────────────

    // ─────────────────────── end of MD3xxx (keep this marker) ───────────────────────

    // ──────────────────────────── MD4xxx: training ────────────────────────────

    // ─────────────────────── end of MD4xxx (keep this marker) ───────────────────────

    // ──────────────────────────── MD5xxx: warnings ────────────────────────────

    // ─────────────────────── end of MD5xxx (keep this marker) ───────────────────────

    // ─────────────────────── MD51xx: training warnings ───────────────────────

    // ─────────────────────── end of MD51xx (keep this marker) ───────────────────────
}
