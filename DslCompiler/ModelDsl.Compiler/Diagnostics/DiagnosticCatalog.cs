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
    public static readonly DiagnosticDescriptor ExpressionTooDeepDescriptor = Error("MD1040", "Syntax", "Expression too deep");
    public static readonly DiagnosticDescriptor NameTooLongDescriptor = Error("MD1041", "Syntax", "Name too long");

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

    /// <summary>MD1040: an operator chain (<c>1 + 1 + ...</c>, <c>- - - x</c>, <c>a.b.c...</c>) deeper than the
    /// compiler walks safely.</summary>
    public static Diagnostic ExpressionTooDeep(SourceSpan span, int limit) =>
        new(ExpressionTooDeepDescriptor, span, $"expression nested deeper than {limit:N0} levels (each operator, unary minus, '.' or bracket of a chain is one level); split it into let bindings or simplify it");

    /// <summary>MD1041: a name longer than C# identifiers and generated file names allow.</summary>
    public static Diagnostic NameTooLong(SourceSpan span, int length, int limit) =>
        new(NameTooLongDescriptor, span, $"name is {length:N0} characters long; names are at most {limit} characters (they become C# identifiers and file names); shorten it");

    /// <summary>MD1016: <c>stage</c>, <c>data</c> or <c>augment</c> in the wrong body.</summary>
    public static Diagnostic MisplacedTrainItem(SourceSpan span, string item, string allowedIn) =>
        new(MisplacedTrainItemDescriptor, span, $"'{item}' is not allowed here: expected it {allowedIn}; move it there");

    /// <summary>MD1017: <c>let a = conv2d(...)</c> instead of <c>let a = x |&gt; conv2d(...)</c>.</summary>
    public static Diagnostic CallAsPipelineSource(SourceSpan span, string callee) =>
        new(CallAsPipelineSourceDescriptor, span, $"expected a tensor name (x, input, a let name or a model input) at the start of the pipeline but found the call '{callee}(...)'; write 'x |> {callee}(...)' to apply it to the current tensor");

    // ─────────────────────── end of MD1xxx (keep this marker) ───────────────────────

    // ──────────────────────── MD2xxx: names and arguments ────────────────────────


    public static readonly DiagnosticDescriptor DuplicateDeclaration = Error("MD2001", "Names", "Duplicate declaration");
    public static readonly DiagnosticDescriptor ImportNotFound = Error("MD2002", "Names", "Import not found");
    public static readonly DiagnosticDescriptor UnknownLayer = Error("MD2003", "Names", "Unknown layer, block or group");
    public static readonly DiagnosticDescriptor UnknownArgument = Error("MD2004", "Arguments", "Unknown argument");
    public static readonly DiagnosticDescriptor MissingArgument = Error("MD2005", "Arguments", "Missing argument");
    public static readonly DiagnosticDescriptor TooManyArguments = Error("MD2006", "Arguments", "Too many positional arguments");
    public static readonly DiagnosticDescriptor ArgumentTypeMismatch = Error("MD2007", "Arguments", "Wrong argument type");
    public static readonly DiagnosticDescriptor DuplicateArgument = Error("MD2008", "Arguments", "Argument given twice");
    public static readonly DiagnosticDescriptor InvalidArgumentValue = Error("MD2009", "Arguments", "Argument value out of range");
    public static readonly DiagnosticDescriptor Recursion = Error("MD2010", "Names", "Recursive block or group");
    public static readonly DiagnosticDescriptor UnknownTensor = Error("MD2011", "Names", "Unknown tensor name");
    public static readonly DiagnosticDescriptor DuplicateTensorName = Error("MD2012", "Names", "Duplicate tensor name");
    public static readonly DiagnosticDescriptor DuplicateModuleName = Error("MD2013", "Names", "Duplicate module name");
    public static readonly DiagnosticDescriptor NoCurrentTensor = Error("MD2014", "Names", "No current tensor");
    public static readonly DiagnosticDescriptor RepeatCountOutOfRange = Error("MD2015", "Arguments", "Repeat count out of range");
    public static readonly DiagnosticDescriptor ExpansionTooLarge = Error("MD2016", "Arguments", "Model expands to too many layers");
    public static readonly DiagnosticDescriptor UnknownName = Error("MD2017", "Names", "Unknown name in an expression");
    public static readonly DiagnosticDescriptor DivisionByZero = Error("MD2018", "Arguments", "Division by zero");
    public static readonly DiagnosticDescriptor InvalidExpression = Error("MD2019", "Arguments", "Expression not allowed here");
    public static readonly DiagnosticDescriptor GroupStatementNotAllowed = Error("MD2020", "Names", "Groups hold block calls only");
    public static readonly DiagnosticDescriptor OutputOutsideModel = Error("MD2021", "Names", "Output outside a model body");
    public static readonly DiagnosticDescriptor ModelWithoutInput = Error("MD2022", "Names", "Model without input");
    public static readonly DiagnosticDescriptor UnknownParameterType = Error("MD2023", "Names", "Unknown parameter type");
    public static readonly DiagnosticDescriptor DuplicateParameter = Error("MD2024", "Names", "Duplicate parameter");
    public static readonly DiagnosticDescriptor ShadowsLayer = Error("MD2025", "Names", "Declaration shadows a built-in layer");
    public static readonly DiagnosticDescriptor UnsupportedElementType = Error("MD2026", "Names", "Unsupported input element type");
    public static readonly DiagnosticDescriptor MergeNeedsTensors = Error("MD2027", "Arguments", "Merge layer needs tensor names");
    public static readonly DiagnosticDescriptor InputNotAvailable = Error("MD2028", "Names", "'input' is ambiguous here");
    public static readonly DiagnosticDescriptor ModelCalledAsLayer = Error("MD2029", "Names", "A model cannot be called like a layer");
    public static readonly DiagnosticDescriptor FileNotReadable = Error("MD2030", "Names", "File cannot be read");
    public static readonly DiagnosticDescriptor CallsTooDeep = Error("MD2080", "Names", "Block calls nested too deep");
    public static readonly DiagnosticDescriptor GeneratedTypeCollision = Error("MD2081", "Names", "Two declarations become one C# type");
    public static readonly DiagnosticDescriptor GeneratedTypeCaseCollision = Error("MD2082", "Names", "C# type names differ only in case");
    public static readonly DiagnosticDescriptor TypeNamedLikeMember = Error("MD2083", "Names", "Model named like a generated member");
    public static readonly DiagnosticDescriptor ReservedNamespace = Error("MD2084", "Names", "Namespace inside one the generated code uses");
    public static readonly DiagnosticDescriptor ImportNotModelFile = Error("MD2085", "Names", "Import or input that is not a .model file");
    public static readonly DiagnosticDescriptor ParameterTotalOverflow = Error("MD2086", "Names", "Parameter total too large");
    public static readonly DiagnosticDescriptor InternalError = Error("MD2099", "Compiler", "Internal compiler error");

    public static Diagnostic DuplicateDeclarationAt(SourceSpan span, string name, SourceSpan other) =>
        new(DuplicateDeclaration, span, $"'{name}' is declared more than once (also at {other}); names are global across the files of a compilation, rename one of them");

    public static Diagnostic ImportNotFoundAt(SourceSpan span, string path, string resolved) =>
        new(ImportNotFound, span, $"import \"{path}\" not found: no file '{resolved}' in this compilation; check the path (it is relative to the importing file)");

    /// <summary>MD2085: an import must name a <c>.model</c> file; any other file is not opened.</summary>
    public static Diagnostic ImportNotModelFileAt(SourceSpan span, string path) =>
        new(ImportNotModelFile, span, $"import \"{path}\" does not name a .model file; imports can only name .model files (the file is not read)");

    /// <summary>MD2085 for a file named on the command line: only <c>.model</c> files are compiled; any other file is not opened.</summary>
    public static Diagnostic InputNotModelFileAt(SourceSpan span, string path) =>
        new(ImportNotModelFile, span, $"'{path}' does not name a .model file; modeldsl compiles only .model files (the file is not read)");

    /// <summary>MD2086: adding a layer or block makes the parameter total of its model, block or group overflow.</summary>
    public static Diagnostic ParameterTotalOverflowAt(SourceSpan span, string member) =>
        new(ParameterTotalOverflow, span, $"{member} takes the parameter count past {long.MaxValue:N0} (64-bit integers); use smaller layers");

    public static Diagnostic UnknownLayerAt(SourceSpan span, string name, string? suggestion) =>
        new(UnknownLayer, span, $"unknown layer, block or group '{name}'" + DidYouMean(suggestion));

    public static Diagnostic UnknownArgumentAt(SourceSpan span, string callee, string name, string? suggestion) =>
        new(UnknownArgument, span, $"{callee} has no parameter '{name}'" + DidYouMean(suggestion));

    public static Diagnostic MissingArgumentAt(SourceSpan span, string callee, string parameter) =>
        new(MissingArgument, span, $"{callee} needs a value for '{parameter}'; pass it positionally or as '{parameter}: ...'");

    public static Diagnostic TooManyArgumentsAt(SourceSpan span, string callee, int positional) =>
        new(TooManyArguments, span, $"{callee} takes {positional} positional argument{(positional == 1 ? string.Empty : "s")}; remove this one or name it");

    public static Diagnostic ArgumentTypeMismatchAt(SourceSpan span, string callee, string parameter, string expected, string found) =>
        new(ArgumentTypeMismatch, span, $"'{parameter}' of {callee} expects {expected} but receives {found}");

    public static Diagnostic DuplicateArgumentAt(SourceSpan span, string callee, string parameter) =>
        new(DuplicateArgument, span, $"'{parameter}' of {callee} is given more than once; remove one");

    public static Diagnostic InvalidArgumentValueAt(SourceSpan span, string callee, string parameter, string value, string requirement) =>
        new(InvalidArgumentValue, span, $"'{parameter}' of {callee} must be {requirement} but is {value}");

    /// <summary>MD2080: a chain of block/group calls (each calling the next) deeper than the expander nests modules.</summary>
    public static Diagnostic CallsTooDeepAt(SourceSpan span, string callee, int limit, string outermost) =>
        new(CallsTooDeep, span, $"block and group calls nested deeper than {limit:N0} levels: '{callee}' is called {limit:N0} calls below '{outermost}'; flatten the chain (call the blocks one after another, or use repeat)");

    /// <summary>MD2081: <c>my_net</c> and <c>MyNet</c>, or a model <c>FooTrainer</c> beside <c>train Foo</c>.</summary>
    public static Diagnostic GeneratedTypeCollisionAt(SourceSpan span, string what, string otherWhat, SourceSpan other, string type) =>
        new(GeneratedTypeCollision, span, $"{what} and {otherWhat} (at {other}) both become the C# type '{type}'; rename one of them");

    /// <summary>MD2082: <c>Ab</c> and <c>AB</c>: distinct C# types, but one generated file name on a case-insensitive disk.</summary>
    public static Diagnostic GeneratedTypeCaseCollisionAt(SourceSpan span, string what, string type, string otherWhat, SourceSpan other, string otherType) =>
        new(GeneratedTypeCaseCollision, span, $"{what} becomes the C# type '{type}' and {otherWhat} (at {other}) becomes '{otherType}': names that differ only in case collide in generated file names and confuse callers; rename one of them");

    /// <summary>MD2083: a model whose class name equals one of the members generated inside it (CS0542).</summary>
    public static Diagnostic TypeNamedLikeMemberAt(SourceSpan span, string what, string type) =>
        new(TypeNamedLikeMember, span, $"{what} becomes the C# class '{type}', which has a generated member '{type}' (a member cannot have its class's name); rename the model");

    /// <summary>MD2084: <c>namespace ModelDsl.Runtime</c> would shadow the namespaces generated code refers to.</summary>
    public static Diagnostic ReservedNamespaceAt(SourceSpan span, string @namespace, string reserved) =>
        new(ReservedNamespace, span, $"namespace '{@namespace}' is inside '{reserved}', whose types the generated code uses; choose a namespace of your own (e.g. 'MyCompany.Models')");

    public static Diagnostic RecursionAt(SourceSpan span, string chain) =>
        new(Recursion, span, $"recursive call: {chain}; blocks and groups cannot call themselves, directly or through others (use repeat)");

    public static Diagnostic UnknownTensorAt(SourceSpan span, string name, string? suggestion) =>
        new(UnknownTensor, span, $"unknown tensor '{name}'; a tensor is x, input, an input name or a let defined earlier in the same body" + DidYouMean(suggestion));

    public static Diagnostic DuplicateTensorNameAt(SourceSpan span, string name, SourceSpan other) =>
        new(DuplicateTensorName, span, $"'{name}' is already defined at {other}; choose another name");

    public static Diagnostic DuplicateModuleNameAt(SourceSpan span, string name) =>
        new(DuplicateModuleName, span, $"a layer or module named '{name}' already exists in this scope; choose another name with 'as NAME'");

    public static Diagnostic NoCurrentTensorAt(SourceSpan span, string model) =>
        new(NoCurrentTensor, span, $"model {model} has several inputs, so there is no current tensor yet; start a pipeline from one of them: 'let a = NAME |> layer(...)'");

    public static Diagnostic RepeatCountOutOfRangeAt(SourceSpan span, long count) =>
        new(RepeatCountOutOfRange, span, $"repeat count must be between 0 and 10,000 but is {count.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    public static Diagnostic ExpansionTooLargeAt(SourceSpan span, string model, int limit) =>
        new(ExpansionTooLarge, span, $"model {model} expands to more than {limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} layers; reduce the repeat counts or nesting");

    public static Diagnostic UnknownNameAt(SourceSpan span, string name, string? suggestion) =>
        new(UnknownName, span, $"unknown name '{name}' in an expression; only parameters of the enclosing block or group can be used" + DidYouMean(suggestion));

    public static Diagnostic DivisionByZeroAt(SourceSpan span, string expression) =>
        new(DivisionByZero, span, $"division by zero in '{expression}'");

    public static Diagnostic InvalidExpressionAt(SourceSpan span, string what) =>
        new(InvalidExpression, span, $"{what} is not allowed here; use integers, + - * / %, parentheses, parameter names and ceil(a / b)");

    public static Diagnostic GroupStatementNotAllowedAt(SourceSpan span, string group, string what) =>
        new(GroupStatementNotAllowed, span, $"group {group} may hold only block calls and repeat, not {what}; move it into a block and call that block");

    public static Diagnostic OutputOutsideModelAt(SourceSpan span) =>
        new(OutputOutsideModel, span, "output is allowed only directly in a model body; end the block or section with the tensor to return instead");

    public static Diagnostic ModelWithoutInputAt(SourceSpan span, string model) =>
        new(ModelWithoutInput, span, $"model {model} has no input; declare one, e.g. 'input image: float[1, 28, 28]'");

    public static Diagnostic UnknownParameterTypeAt(SourceSpan span, string type, string? suggestion) =>
        new(UnknownParameterType, span, $"unknown parameter type '{type}'; use int, float, bool, activation or padding" + DidYouMean(suggestion));

    public static Diagnostic DuplicateParameterAt(SourceSpan span, string name) =>
        new(DuplicateParameter, span, $"parameter '{name}' is declared more than once; rename one");

    public static Diagnostic ShadowsLayerAt(SourceSpan span, string name) =>
        new(ShadowsLayer, span, $"'{name}' is a built-in layer; give the declaration another name");

    public static Diagnostic UnsupportedElementTypeAt(SourceSpan span, string type) =>
        new(UnsupportedElementType, span, $"input element type '{type}' is not supported; use float");

    public static Diagnostic MergeNeedsTensorsAt(SourceSpan span, string layer) =>
        new(MergeNeedsTensors, span, $"{layer} needs one or more tensor names, e.g. {layer}(shortcut) to merge the current tensor with 'shortcut'");

    public static Diagnostic InputNotAvailableAt(SourceSpan span, string model) =>
        new(InputNotAvailable, span, $"'input' names a block's or section's input; model {model} has several inputs, use one of their names");

    public static Diagnostic ModelCalledAsLayerAt(SourceSpan span, string model) =>
        new(ModelCalledAsLayer, span, $"{model} is a model and cannot be called like a layer; declare the shared part as a block");

    public static Diagnostic FileNotReadableAt(SourceSpan span, string path, string reason) =>
        new(FileNotReadable, span, $"cannot read '{path}': {reason}");

    public static Diagnostic InternalErrorAt(SourceSpan span, string declaration, string message) =>
        new(InternalError, span, $"the compiler failed while checking {declaration} ({message}); no code is generated for it. Please report this with the .model file");

    private static string DidYouMean(string? suggestion) => suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?";

    // ─────────────────────── end of MD2xxx (keep this marker) ───────────────────────

    // ─────────── MD21xx: names in train declarations (losses, optimisers, schedules, metrics) ───────────

    private const string TrainingCategory = "Training";

    public static readonly DiagnosticDescriptor MD2101 = Error("MD2101", TrainingCategory, "Unknown model in train declaration");
    public static readonly DiagnosticDescriptor MD2102 = Error("MD2102", TrainingCategory, "Unknown loss");
    public static readonly DiagnosticDescriptor MD2103 = Error("MD2103", TrainingCategory, "Unknown optimizer");
    public static readonly DiagnosticDescriptor MD2104 = Error("MD2104", TrainingCategory, "Unknown schedule");
    public static readonly DiagnosticDescriptor MD2105 = Error("MD2105", TrainingCategory, "Unknown metric");
    public static readonly DiagnosticDescriptor MD2106 = Error("MD2106", TrainingCategory, "Unknown monitor");
    public static readonly DiagnosticDescriptor MD2107 = Error("MD2107", TrainingCategory, "Unknown training setting or callback");
    public static readonly DiagnosticDescriptor MD2108 = Error("MD2108", TrainingCategory, "Unknown data source");
    public static readonly DiagnosticDescriptor MD2109 = Error("MD2109", TrainingCategory, "Unknown normalization");
    public static readonly DiagnosticDescriptor MD2110 = Error("MD2110", TrainingCategory, "Unknown augmentation");
    public static readonly DiagnosticDescriptor MD2111 = Error("MD2111", TrainingCategory, "Unknown argument of a training call");
    public static readonly DiagnosticDescriptor MD2112 = Error("MD2112", TrainingCategory, "Missing argument of a training call");
    public static readonly DiagnosticDescriptor MD2113 = Error("MD2113", TrainingCategory, "Wrong value type in a train declaration");
    public static readonly DiagnosticDescriptor MD2114 = Error("MD2114", TrainingCategory, "Too many arguments in a training call");
    public static readonly DiagnosticDescriptor MD2115 = Error("MD2115", TrainingCategory, "Setting or argument given twice");
    public static readonly DiagnosticDescriptor MD2116 = Error("MD2116", TrainingCategory, "Unknown model output");
    public static readonly DiagnosticDescriptor MD2117 = Error("MD2117", TrainingCategory, "Unknown data setting");
    public static readonly DiagnosticDescriptor MD2118 = Error("MD2118", TrainingCategory, "Invalid choice");

    /// <summary>MD2101: <c>train X</c> where no model X is declared.</summary>
    public static Diagnostic UnknownTrainModel(SourceSpan span, string name, string? suggestion) =>
        new(MD2101, span, $"train expects a declared model but found '{name}'{TrainingSuggestion(suggestion, "declare 'model " + name + " { … }' or fix the name")}");

    /// <summary>MD2102.</summary>
    public static Diagnostic UnknownLoss(SourceSpan span, string name, string? suggestion) =>
        new(MD2102, span, $"unknown loss '{name}'; expected one of mse, mae, binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy{TrainingSuggestion(suggestion, null)}");

    /// <summary>MD2103.</summary>
    public static Diagnostic UnknownOptimizer(SourceSpan span, string name, string? suggestion) =>
        new(MD2103, span, $"unknown optimizer '{name}'; expected one of sgd, adam, adamw, rmsprop, adagrad, adadelta, adamax, nadam{TrainingSuggestion(suggestion, null)}");

    /// <summary>MD2104.</summary>
    public static Diagnostic UnknownSchedule(SourceSpan span, string name, string? suggestion) =>
        new(MD2104, span, $"unknown schedule '{name}'; expected one of time_decay, linear_decay, step_decay, exponential, cosine, warmup{TrainingSuggestion(suggestion, null)}");

    /// <summary>MD2105.</summary>
    public static Diagnostic UnknownMetric(SourceSpan span, string name, string? suggestion) =>
        new(MD2105, span, $"unknown metric '{name}'; expected one of accuracy, top_k(k), mae, mse, precision, recall{TrainingSuggestion(suggestion, null)}");

    /// <summary>MD2106: a monitor that the training history will not record.</summary>
    public static Diagnostic UnknownMonitor(SourceSpan span, string name, string? suggestion, IEnumerable<string> available) =>
        new(MD2106, span, $"unknown monitor '{name}'; this training records {string.Join(", ", available)}{TrainingSuggestion(suggestion, "add the metric to 'metrics' to monitor it")}");

    /// <summary>MD2107: an item of a train or stage body that is no setting or callback.</summary>
    public static Diagnostic UnknownTrainSetting(SourceSpan span, string name, string? suggestion, IEnumerable<string> expected) =>
        new(MD2107, span, $"unknown training setting '{name}'; expected one of {string.Join(", ", expected)}{TrainingSuggestion(suggestion, null)}");

    /// <summary>MD2108.</summary>
    public static Diagnostic UnknownDataSource(SourceSpan span, string name, string? suggestion) =>
        new(MD2108, span, $"unknown data source '{name}'; expected idx(images:, labels:), folder(path), csv(file) or json(file){TrainingSuggestion(suggestion, null)}");

    /// <summary>MD2109.</summary>
    public static Diagnostic UnknownNormalization(SourceSpan span, string name, string? suggestion) =>
        new(MD2109, span, $"unknown normalization '{name}'; expected scale(255), range(min, max), standardize or mean_std([..], [..]){TrainingSuggestion(suggestion, null)}");

    /// <summary>MD2110.</summary>
    public static Diagnostic UnknownAugmentation(SourceSpan span, string name, string? suggestion) =>
        new(MD2110, span, $"unknown augmentation '{name}'; expected one of flip, rotate, shift, zoom, shear, rot90, brightness{TrainingSuggestion(suggestion, null)}");

    /// <summary>MD2111.</summary>
    public static Diagnostic UnknownTrainArgument(SourceSpan span, string call, string argument, string? suggestion, string signature) =>
        new(MD2111, span, $"{call} has no argument '{argument}'; it takes {signature}{TrainingSuggestion(suggestion, null)}");

    /// <summary>MD2112.</summary>
    public static Diagnostic MissingTrainArgument(SourceSpan span, string call, string argument, string signature) =>
        new(MD2112, span, $"{call} needs its argument '{argument}'; add it: {signature}");

    /// <summary>MD2113: a value of the wrong kind (a string where a number belongs, a name where a call belongs).</summary>
    public static Diagnostic WrongTrainValueType(SourceSpan span, string what, string expected, string found) =>
        new(MD2113, span, $"{what} expects {expected} but found {found}");

    /// <summary>MD2114.</summary>
    public static Diagnostic TooManyTrainArguments(SourceSpan span, string call, int maximum, int found, string signature) =>
        new(MD2114, span, $"{call} takes at most {maximum} positional argument{(maximum == 1 ? string.Empty : "s")} but found {found}; it takes {signature}");

    /// <summary>MD2115: a setting or argument written twice; the first one is kept.</summary>
    public static Diagnostic DuplicateTrainSetting(SourceSpan span, string name, SourceSpan first) =>
        new(MD2115, span, $"'{name}' is already given at line {first.Line}; remove one of them");

    /// <summary>MD2116: a loss or loss_weights key that is no output of the model.</summary>
    public static Diagnostic UnknownTrainOutput(SourceSpan span, string name, string model, string? suggestion, IEnumerable<string> outputs) =>
        new(MD2116, span, $"model {model} has no output '{name}'; its outputs are {string.Join(", ", outputs)}{TrainingSuggestion(suggestion, null)}");

    /// <summary>MD2117.</summary>
    public static Diagnostic UnknownDataSetting(SourceSpan span, string name, string? suggestion) =>
        new(MD2117, span, $"unknown data setting '{name}'; expected train, validation, test, normalize or augment {{ … }}{TrainingSuggestion(suggestion, null)}");

    /// <summary>MD2118: a word outside a parameter's fixed set.</summary>
    public static Diagnostic InvalidTrainChoice(SourceSpan span, string call, string parameter, string found, IEnumerable<string> choices) =>
        new(MD2118, span, $"{call} expects {parameter} to be one of {string.Join(", ", choices)} but found '{found}'");

    private static string TrainingSuggestion(string? suggestion, string? fix) =>
        suggestion is not null ? $"; did you mean '{suggestion}'?" : fix is not null ? "; " + fix : string.Empty;

    // ───────────── MD2120–MD2139: initialisers and file defaults (issue #10) ─────────────

    public static readonly DiagnosticDescriptor MD2120 = Error("MD2120", "Arguments", "Unknown initializer");
    public static readonly DiagnosticDescriptor MD2121 = Error("MD2121", "Arguments", "Invalid initializer argument");
    public static readonly DiagnosticDescriptor MD2122 = Error("MD2122", "Names", "Unknown defaults setting");
    public static readonly DiagnosticDescriptor MD2123 = Error("MD2123", "Names", "Unknown init profile");

    /// <summary>MD2120: a <c>kernel_initializer:</c>/<c>bias_initializer:</c> value that names no initialiser.</summary>
    public static Diagnostic UnknownInitializer(SourceSpan span, string layer, string parameter, string found, string? suggestion) =>
        new(MD2120, span, $"'{parameter}' of {layer} expects an initializer (glorot_uniform, glorot_normal, he_uniform, he_normal, lecun_uniform, lecun_normal, zeros, ones, constant(value), normal(scale: s), uniform(scale: s)) but found {found}" + DidYouMean(suggestion));

    /// <summary>MD2121: an initialiser call with a missing, extra or out-of-range argument.</summary>
    public static Diagnostic InvalidInitializerArgument(SourceSpan span, string initializer, string problem, string signature) =>
        new(MD2121, span, $"{initializer} {problem}; write {signature}");

    /// <summary>MD2122: a setting of <c>defaults { }</c> that does not exist.</summary>
    public static Diagnostic UnknownDefaultsSetting(SourceSpan span, string name, string? suggestion) =>
        new(MD2122, span, $"unknown defaults setting '{name}'; expected init: keras or init: pytorch" + DidYouMean(suggestion));

    /// <summary>MD2123: <c>init:</c> names no profile.</summary>
    public static Diagnostic UnknownInitProfile(SourceSpan span, string found, string? suggestion) =>
        new(MD2123, span, $"init expects a profile, keras (glorot_uniform kernels, zero biases, batch norm momentum 0.99 / eps 1e-3 as Keras) or pytorch (the default), but found {found}" + DidYouMean(suggestion));

    // ───────────── MD2124–MD2138: layer options of issue #10 (batch norm) ─────────────

    public static readonly DiagnosticDescriptor MD2124 = Error("MD2124", "Arguments", "Invalid batchnorm momentum");
    public static readonly DiagnosticDescriptor MD2125 = Error("MD2125", "Arguments", "affine mixed with center/scale");

    /// <summary>MD2124: a word other than <c>none</c> as batchnorm's <c>momentum</c>.</summary>
    public static Diagnostic InvalidMomentumAt(SourceSpan span, string found, string? suggestion) =>
        new(MD2124, span, $"'momentum' of batchnorm expects a number between 0 and 1 (the weight of the new batch) or none (the cumulative average of every batch, PyTorch's momentum=None) but found the name '{found}'" + DidYouMean(suggestion));

    /// <summary>MD2125: PyTorch's <c>affine:</c> and Keras' <c>center:</c>/<c>scale:</c> in one batchnorm call.</summary>
    public static Diagnostic AffineSpellingsMixedAt(SourceSpan span, string keras) =>
        new(MD2125, span, $"batchnorm takes affine: (PyTorch: both gamma and beta) or center:/scale: (Keras: beta and gamma each), not both; remove '{keras}:' or 'affine:'");

    // ─────────────────────── end of MD21xx (keep this marker) ───────────────────────

    // ───────────────────────────── MD3xxx: shapes ─────────────────────────────


    public static readonly DiagnosticDescriptor DenseRank = Error("MD3001", "Shapes", "dense on an image");
    public static readonly DiagnosticDescriptor RankMismatch = Error("MD3002", "Shapes", "Rank mismatch");
    public static readonly DiagnosticDescriptor SpatialSizeTooSmall = Error("MD3003", "Shapes", "Spatial size below 1");
    public static readonly DiagnosticDescriptor AddShapeMismatch = Error("MD3004", "Shapes", "add shapes differ");
    public static readonly DiagnosticDescriptor ConcatShapeMismatch = Error("MD3005", "Shapes", "concat shapes differ");
    public static readonly DiagnosticDescriptor SymbolicSize = Error("MD3006", "Shapes", "Concrete size needed");
    public static readonly DiagnosticDescriptor GroupsNotDivisible = Error("MD3007", "Shapes", "Channels not divisible by groups");
    public static readonly DiagnosticDescriptor ReshapeMismatch = Error("MD3008", "Shapes", "reshape changes the element count");
    public static readonly DiagnosticDescriptor ConcatAxisOutOfRange = Error("MD3009", "Shapes", "concat axis out of range");
    public static readonly DiagnosticDescriptor InvalidInputDimension = Error("MD3010", "Shapes", "Invalid input dimension");
    public static readonly DiagnosticDescriptor SizeOverflow = Error("MD3011", "Shapes", "Size too large");

    public static readonly DiagnosticDescriptor ClassificationLossRank = Error("MD3012", "Shapes", "Classification loss on a multi-axis output");

    /// <summary>MD3012: a cross-entropy loss on an output with more than one example axis (dense on <c>[steps, features]</c>).</summary>
    public static Diagnostic ClassificationLossOnManyAxes(SourceSpan span, string loss, string output, string shape) =>
        new(ClassificationLossRank, span, $"{loss} expects an output of [classes] but {output} is {shape} (a dense layer on [steps, features] keeps the steps axis); add flatten() before the last dense layer");

    public static Diagnostic DenseRankAt(SourceSpan span, string shape) =>
        new(DenseRank, span, $"dense expects [features] or [..., features] (it acts on the last axis) but receives {shape}, an image [channels, height, width] whose last axis is its width; add flatten() or global_avgpool2d() before it");

    public static Diagnostic RankMismatchAt(SourceSpan span, string layer, string expected, string shape) =>
        new(RankMismatch, span, $"{layer} expects {expected} but receives {shape}");

    public static Diagnostic SpatialSizeTooSmallAt(SourceSpan span, string layer, string axis, string arithmetic) =>
        new(SpatialSizeTooSmall, span, $"{layer} output {axis} would be {arithmetic}, below 1; use a smaller kernel or stride, padding: same, or a larger input");

    public static Diagnostic AddShapeMismatchAt(SourceSpan span, string shapes) =>
        new(AddShapeMismatch, span, $"add needs tensors of one shape but receives {shapes}; project the shortcut (e.g. conv2d with kernel: 1) to match");

    public static Diagnostic ConcatShapeMismatchAt(SourceSpan span, int axis, string shapes) =>
        new(ConcatShapeMismatch, span, $"concat on axis {axis} needs tensors equal on every other axis but receives {shapes}");

    public static Diagnostic SymbolicSizeAt(SourceSpan span, string layer, string what, string size, string symbols) =>
        new(SymbolicSize, span, $"{layer} needs a concrete {what} but it is {size}, which depends on {symbols}; give {symbols} a fixed size in the input, or use global_avgpool2d() instead of flatten()");

    public static Diagnostic GroupsNotDivisibleAt(SourceSpan span, string what, long count, int groups) =>
        new(GroupsNotDivisible, span, $"conv2d {what} {count.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not divisible by groups {groups}; choose a groups value that divides both channel counts");

    public static Diagnostic ReshapeMismatchAt(SourceSpan span, string from, string to) =>
        new(ReshapeMismatch, span, $"reshape from {from} to {to} changes the number of elements per example; the product of the dimensions must stay the same");

    public static Diagnostic ConcatAxisOutOfRangeAt(SourceSpan span, int axis, int rank) =>
        new(ConcatAxisOutOfRange, span, $"concat axis {axis} is out of range for tensors of rank {rank} (axis 0 is the channel axis; the batch axis cannot be named)");

    public static Diagnostic InvalidInputDimensionAt(SourceSpan span, string dimension) =>
        new(InvalidInputDimension, span, $"input dimension {dimension} must be a positive integer or a size symbol such as H");

    public static Diagnostic SizeOverflowAt(SourceSpan span, string layer) =>
        new(SizeOverflow, span, $"{layer}: a size or parameter count overflows 64-bit integers; use smaller sizes");

    // ─────────────────────── end of MD3xxx (keep this marker) ───────────────────────

    // ──────────────────────────── MD4xxx: training ────────────────────────────

    public static readonly DiagnosticDescriptor MD4001 = Error("MD4001", TrainingCategory, "Loss does not fit the output");
    public static readonly DiagnosticDescriptor MD4002 = Error("MD4002", TrainingCategory, "Categorical loss on fewer than two classes");
    public static readonly DiagnosticDescriptor MD4003 = Error("MD4003", TrainingCategory, "Missing loss");
    public static readonly DiagnosticDescriptor MD4004 = Error("MD4004", TrainingCategory, "Missing optimizer");
    public static readonly DiagnosticDescriptor MD4005 = Error("MD4005", TrainingCategory, "Loss map does not cover every output");
    public static readonly DiagnosticDescriptor MD4006 = Error("MD4006", TrainingCategory, "Invalid epochs");
    public static readonly DiagnosticDescriptor MD4007 = Error("MD4007", TrainingCategory, "Invalid batch size");
    public static readonly DiagnosticDescriptor MD4008 = Error("MD4008", TrainingCategory, "Invalid validation split");
    public static readonly DiagnosticDescriptor MD4009 = Error("MD4009", TrainingCategory, "Invalid learning rate");
    public static readonly DiagnosticDescriptor MD4010 = Error("MD4010", TrainingCategory, "Argument out of range");
    public static readonly DiagnosticDescriptor MD4011 = Error("MD4011", TrainingCategory, "Freeze target not found");
    public static readonly DiagnosticDescriptor MD4012 = Error("MD4012", TrainingCategory, "Duplicate train declaration");
    public static readonly DiagnosticDescriptor MD4013 = Error("MD4013", TrainingCategory, "Invalid checkpoint path pattern");
    public static readonly DiagnosticDescriptor MD4014 = Error("MD4014", TrainingCategory, "{monitor} placeholder without a monitor");
    public static readonly DiagnosticDescriptor MD4015 = Error("MD4015", TrainingCategory, "Setting not allowed in a stage");
    public static readonly DiagnosticDescriptor MD4016 = Error("MD4016", TrainingCategory, "Duplicate stage");
    public static readonly DiagnosticDescriptor MD4017 = Error("MD4017", TrainingCategory, "top_k with k not below the class count");
    public static readonly DiagnosticDescriptor MD4018 = Error("MD4018", TrainingCategory, "Data source does not match the model input");
    public static readonly DiagnosticDescriptor MD4019 = Error("MD4019", TrainingCategory, "mean_std lists do not match");
    public static readonly DiagnosticDescriptor MD4020 = Error("MD4020", TrainingCategory, "Minimum above maximum");
    public static readonly DiagnosticDescriptor MD4021 = Error("MD4021", TrainingCategory, "Invalid steps per epoch");
    public static readonly DiagnosticDescriptor MD4022 = Error("MD4022", TrainingCategory, "Metric does not fit the output");
    public static readonly DiagnosticDescriptor MD4023 = Error("MD4023", TrainingCategory, "Invalid loss weight");
    public static readonly DiagnosticDescriptor MD4024 = Error("MD4024", TrainingCategory, "Augmentation needs image inputs");
    public static readonly DiagnosticDescriptor MD4025 = Error("MD4025", TrainingCategory, "Invalid seed");
    public static readonly DiagnosticDescriptor MD4026 = Error("MD4026", TrainingCategory, "Nesterov momentum without momentum");
    public static readonly DiagnosticDescriptor MD4027 = Error("MD4027", TrainingCategory, "Data sources need a single-input model");
    public static readonly DiagnosticDescriptor MD4030 = Error("MD4030", TrainingCategory, "Table features do not match the input");
    public static readonly DiagnosticDescriptor MD4031 = Error("MD4031", TrainingCategory, "Table targets do not match the outputs");
    public static readonly DiagnosticDescriptor MD4032 = Error("MD4032", TrainingCategory, "Wrong number of target columns");
    public static readonly DiagnosticDescriptor MD4033 = Error("MD4033", TrainingCategory, "Table column used twice");
    public static readonly DiagnosticDescriptor MD4034 = Error("MD4034", TrainingCategory, "Invalid test split");
    public static readonly DiagnosticDescriptor MD4035 = Error("MD4035", TrainingCategory, "test_split with a test source");
    public static readonly DiagnosticDescriptor MD4036 = Error("MD4036", TrainingCategory, "test_split without a train source");
    public static readonly DiagnosticDescriptor MD4037 = Error("MD4037", TrainingCategory, "Invalid validation steps");
    public static readonly DiagnosticDescriptor MD4060 = Error("MD4060", TrainingCategory, "Pretrained part not found");
    public static readonly DiagnosticDescriptor MD4061 = Error("MD4061", TrainingCategory, "Pretrained part has no weights");
    public static readonly DiagnosticDescriptor MD4045 = Error("MD4045", TrainingCategory, "Invalid rot90 quarter turns");
    public static readonly DiagnosticDescriptor MD4046 = Error("MD4046", TrainingCategory, "rot90 needs square images");
    public static readonly DiagnosticDescriptor MD4047 = Error("MD4047", TrainingCategory, "resize with size");
    public static readonly DiagnosticDescriptor MD4048 = Error("MD4048", TrainingCategory, "Crop larger than the resized image");

    /// <summary>MD4001: the loss cannot read what the output produces.</summary>
    public static Diagnostic LossOutputMismatch(SourceSpan span, string loss, string output, string expected, string found, string fix) =>
        new(MD4001, span, $"{loss} on {output} expects {expected} but the output ends in {found}; {fix}");

    /// <summary>MD4002.</summary>
    public static Diagnostic TooFewClasses(SourceSpan span, string loss, string output, string shape) =>
        new(MD4002, span, $"{loss} expects an output with at least 2 classes on axis 0 but {output} is {shape}; use binary_crossentropy with a sigmoid output for a yes/no target");

    /// <summary>MD4003.</summary>
    public static Diagnostic MissingLoss(SourceSpan span, string train) =>
        new(MD4003, span, $"train {train} has no loss; add 'loss: sparse_categorical_crossentropy' (or mse, mae, binary_crossentropy, categorical_crossentropy)");

    /// <summary>MD4004.</summary>
    public static Diagnostic MissingOptimizer(SourceSpan span, string train) =>
        new(MD4004, span, $"train {train} has no optimizer; add 'optimizer: adam(lr: 0.001)' (or sgd, adamw, rmsprop, …)");

    /// <summary>MD4005.</summary>
    public static Diagnostic LossMapIncomplete(SourceSpan span, string model, IEnumerable<string> missing) =>
        new(MD4005, span, $"the loss map must name every output of {model} but has no entry for {string.Join(", ", missing)}; add 'NAME: mse' (or another loss) for each");

    /// <summary>MD4006.</summary>
    public static Diagnostic InvalidEpochs(SourceSpan span, string found) =>
        new(MD4006, span, $"epochs expects a whole number from 1 to 1,000,000 in all but found {found}");

    /// <summary>MD4007.</summary>
    public static Diagnostic InvalidBatchSize(SourceSpan span, string found) =>
        new(MD4007, span, $"batch_size expects a whole number ≥ 1 but found {found}; 32 is a common choice");

    /// <summary>MD4008.</summary>
    public static Diagnostic InvalidValidationSplit(SourceSpan span, string found) =>
        new(MD4008, span, $"validation_split expects a fraction 0 ≤ v < 1 but found {found}; 0.1 holds out 10% of the training data");

    /// <summary>MD4009.</summary>
    public static Diagnostic InvalidLearningRate(SourceSpan span, string optimizer, string found) =>
        new(MD4009, span, $"{optimizer} expects a learning rate lr > 0 but found {found}; typical values are 1e-4 to 0.1");

    /// <summary>MD4010.</summary>
    public static Diagnostic TrainArgumentOutOfRange(SourceSpan span, string call, string parameter, string range, string found) =>
        new(MD4010, span, $"{call} expects {parameter} {range} but found {found}");

    /// <summary>MD4011.</summary>
    public static Diagnostic FreezeTargetNotFound(SourceSpan span, string path, string model, string? suggestion, string? parent = null, IEnumerable<string>? members = null) =>
        new(MD4011, span, $"freeze expects a module of {model} (a section, block, group or layer name such as stem or learner.residual_group_0) but found '{path}'"
            + (suggestion is not null ? $"; did you mean '{suggestion}'?"
                : members is not null ? $"; {parent} has {string.Join(", ", members)}"
                : "; run 'modeldsl summary' to list the module names"));

    /// <summary>MD4060: a <c>pretrained(parts: [...])</c> entry that is not a module of the model.</summary>
    public static Diagnostic PretrainedPartNotFound(SourceSpan span, string path, string model, string? suggestion) =>
        new(MD4060, span, $"pretrained parts expect modules of {model} (a section, block, group or layer name such as stem or learner) but found '{path}'"
            + (suggestion is not null ? $"; did you mean '{suggestion}'?" : "; run 'modeldsl summary' to list the module names"));

    /// <summary>MD4061: a <c>pretrained(parts: [...])</c> entry whose layers hold no weights.</summary>
    public static Diagnostic PretrainedPartWithoutWeights(SourceSpan span, string path) =>
        new(MD4061, span, $"pretrained parts expect modules with weights but '{path}' has none (pooling, activations, dropout and flatten have no weights); name the section or block around it");

    /// <summary>MD4012: reported at the later declaration, naming the earlier.</summary>
    public static Diagnostic DuplicateTrain(SourceSpan span, string name, SourceSpan first, bool unnamed) =>
        new(MD4012, span, unnamed
            ? $"model {name} already has an unnamed train declaration at {first}; name this one: 'train {name} as {name}Finetune {{ … }}'"
            : $"a train declaration named {name} already exists at {first}; choose another name after 'as'");

    /// <summary>MD4013.</summary>
    public static Diagnostic BadCheckpointPattern(SourceSpan span, string pattern, string problem) =>
        new(MD4013, span, $"checkpoint path \"{pattern}\": {problem}; placeholders are {{epoch}}, {{epoch:02}} (zero-padded) and {{monitor}}, {{monitor:.4f}}");

    /// <summary>MD4014.</summary>
    public static Diagnostic MonitorPlaceholderWithoutMonitor(SourceSpan span) =>
        new(MD4014, span, "the checkpoint path uses {monitor} but checkpoint has no monitor; add 'monitor: val_loss' (or another quantity)");

    /// <summary>MD4015.</summary>
    public static Diagnostic SettingNotAllowedInStage(SourceSpan span, string setting) =>
        new(MD4015, span, $"'{setting}' describes the whole training and cannot change per stage; move it out of the stage (stages may set {string.Join(", ", Training.TrainingCatalog.StageSettings)}, early_stopping and checkpoint)");

    /// <summary>MD4016.</summary>
    public static Diagnostic DuplicateStage(SourceSpan span, string name, SourceSpan first) =>
        new(MD4016, span, $"stage {name} is already declared at line {first.Line}; give each stage its own name");

    /// <summary>MD4017.</summary>
    public static Diagnostic TopKTooLarge(SourceSpan span, int k, string output, long classes) =>
        new(MD4017, span, $"top_k expects k below the class count of {output} ({classes}) but found k = {k}; every prediction would count as correct");

    /// <summary>MD4018.</summary>
    public static Diagnostic DataInputMismatch(SourceSpan span, string what, string expected, string found) =>
        new(MD4018, span, $"{what} expects {expected} to match the model input but found {found}");

    /// <summary>MD4019.</summary>
    public static Diagnostic MeanStdMismatch(SourceSpan span, string problem) =>
        new(MD4019, span, $"mean_std {problem}");

    /// <summary>MD4020.</summary>
    public static Diagnostic MinAboveMax(SourceSpan span, string call, string min, string max) =>
        new(MD4020, span, $"{call} expects min < max but found min = {min}, max = {max}; swap them");

    /// <summary>MD4021.</summary>
    public static Diagnostic InvalidStepsPerEpoch(SourceSpan span, string found) =>
        new(MD4021, span, $"steps_per_epoch expects a whole number ≥ 1 but found {found}; leave it out for one pass over the data per epoch");

    /// <summary>MD4022.</summary>
    public static Diagnostic MetricOutputMismatch(SourceSpan span, string metric, string output, string expected, string found) =>
        new(MD4022, span, $"{metric} on {output} expects {expected} but found {found}");

    /// <summary>MD4023.</summary>
    public static Diagnostic InvalidLossWeight(SourceSpan span, string output, string found) =>
        new(MD4023, span, $"loss_weights expects a number ≥ 0 for output {output} but found {found}");

    /// <summary>MD4024.</summary>
    public static Diagnostic AugmentNeedsImages(SourceSpan span, string call, string shape) =>
        new(MD4024, span, $"{call} expects an image input [C, H, W] but the model input is {shape}; remove the augmentation");

    /// <summary>MD4025.</summary>
    public static Diagnostic InvalidSeed(SourceSpan span, string found) =>
        new(MD4025, span, $"seed expects a whole number ≥ 0 but found {found}");

    /// <summary>MD4026.</summary>
    public static Diagnostic NesterovWithoutMomentum(SourceSpan span) =>
        new(MD4026, span, "sgd with nesterov: true expects momentum > 0 but momentum is 0; add 'momentum: 0.9' or drop nesterov");

    /// <summary>MD4027.</summary>
    public static Diagnostic DataNeedsSingleInput(SourceSpan span, string model, int inputs) =>
        new(MD4027, span, $"data sources feed a model with one input but {model} has {inputs}; pass the data in code to Fit instead");

    /// <summary>MD4030: the declared feature columns cannot feed the model input.</summary>
    public static Diagnostic TableFeaturesMismatch(SourceSpan span, string problem, string fix) =>
        new(MD4030, span, $"table features {problem}; {fix}");

    /// <summary>MD4031: the target map does not name the model's outputs.</summary>
    public static Diagnostic TableTargetsMismatch(SourceSpan span, string problem, string fix) =>
        new(MD4031, span, $"table target {problem}; {fix}");

    /// <summary>MD4032: an output's loss needs another number of target columns.</summary>
    public static Diagnostic TableTargetColumnCount(SourceSpan span, string output, string loss, string expected, int found) =>
        new(MD4032, span, $"{output} with {loss} takes {expected} but the table gives {found} target column{(found == 1 ? string.Empty : "s")}");

    /// <summary>MD4033: a column is listed twice (as two features, two targets, or a feature and a target).</summary>
    public static Diagnostic TableColumnTwice(SourceSpan span, string column) =>
        new(MD4033, span, $"table column {column} is used twice; a column is one feature or one target");

    /// <summary>MD4034.</summary>
    public static Diagnostic InvalidTestSplit(SourceSpan span, string found) =>
        new(MD4034, span, $"test_split expects a fraction 0 < v < 1 but found {found}; 0.2 holds out the last 20% of the training data as the test data");

    /// <summary>MD4035: the test data would come from two places.</summary>
    public static Diagnostic TestSplitWithTestSource(SourceSpan span) =>
        new(MD4035, span, "test_split holds out part of the training data as the test data, but data.test is also given; remove test_split or the test source");

    /// <summary>MD4036: nothing to split.</summary>
    public static Diagnostic TestSplitWithoutTrain(SourceSpan span) =>
        new(MD4036, span, "test_split holds out the last part of the training data, but this data block has no train source; add 'train: …' or remove test_split");

    /// <summary>MD4037.</summary>
    public static Diagnostic InvalidValidationSteps(SourceSpan span, string found) =>
        new(MD4037, span, $"validation_steps expects a whole number ≥ 1 but found {found}; leave it out to evaluate all the validation data every epoch");

    /// <summary>MD4045: <c>rot90(k: [..])</c> must list distinct quarter turns 0–3.</summary>
    public static Diagnostic InvalidQuarterTurns(SourceSpan span, string problem) =>
        new(MD4045, span, $"rot90 argument k expects {problem}");

    /// <summary>MD4046: an odd number of quarter turns swaps H and W, which a non-square input cannot take.</summary>
    public static Diagnostic QuarterTurnNeedsSquare(SourceSpan span, string shape) =>
        new(MD4046, span, $"rot90 with an odd k (90° or 270°) expects square images but the model input is {shape}, and a quarter turn swaps height and width; use k: [0, 2]");

    /// <summary>MD4047: <c>size</c> resizes to exactly (h, w), <c>resize</c> keeps the aspect ratio: one of them.</summary>
    public static Diagnostic ResizeWithSize(SourceSpan span, string source) =>
        new(MD4047, span, $"{source} expects either size: (h, w) (resize to exactly h x w) or resize: n (the shorter side to n, keeping the aspect ratio) but found both; keep resize and add crop: (h, w) for torchvision's Resize(n) + CenterCrop((h, w))");

    /// <summary>MD4048: a centre crop cannot be larger than the image it is cut from.</summary>
    public static Diagnostic CropLargerThanResize(SourceSpan span, string source, string crop, string sizing) =>
        new(MD4048, span, $"{source} crop {crop} expects an image at least as large but {sizing} gives less; make the crop smaller or the resize larger");

    // ─────────────────────── end of MD4xxx (keep this marker) ───────────────────────

    // ──────────────────────────── MD5xxx: warnings ────────────────────────────


    public static readonly DiagnosticDescriptor ConvBiasBeforeBatchNorm = Warning("MD5001", "Design", "Convolution bias before batchnorm");
    public static readonly DiagnosticDescriptor DropoutBeforeOutput = Warning("MD5002", "Design", "Dropout directly before the output");
    public static readonly DiagnosticDescriptor LargeDense = Warning("MD5003", "Design", "Very large dense layer after flatten");
    public static readonly DiagnosticDescriptor UnusedLet = Warning("MD5004", "Design", "Unused let");

    public static Diagnostic ConvBiasBeforeBatchNormAt(SourceSpan span) =>
        new(ConvBiasBeforeBatchNorm, span, "the bias of a conv2d followed by batchnorm is redundant (batchnorm subtracts the mean); pass bias: false");

    public static Diagnostic DropoutBeforeOutputAt(SourceSpan span) =>
        new(DropoutBeforeOutput, span, "dropout directly before the output discards predictions during training; move it before the last layer");

    public static Diagnostic LargeDenseAt(SourceSpan span, long parameters, string inputShape) =>
        new(LargeDense, span, $"this dense layer after flatten has {parameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} parameters (input {inputShape}); reduce the spatial size first (pooling, strides) or use global_avgpool2d()");

    public static Diagnostic UnusedLetAt(SourceSpan span, string name) =>
        new(UnusedLet, span, $"'{name}' is never used; remove the let or use it");

    // ─────────────────────── end of MD5xxx (keep this marker) ───────────────────────

    // ─────────────────────── MD51xx: training warnings ───────────────────────

    public static readonly DiagnosticDescriptor MD5101 = Warning("MD5101", TrainingCategory, "Regression loss on a squashing output");
    public static readonly DiagnosticDescriptor MD5102 = Warning("MD5102", TrainingCategory, "Validation monitor without validation data");
    public static readonly DiagnosticDescriptor MD5103 = Warning("MD5103", TrainingCategory, "Classification metric on a regression output");
    public static readonly DiagnosticDescriptor MD5104 = Warning("MD5104", TrainingCategory, "Every parameter frozen");
    public static readonly DiagnosticDescriptor MD5105 = Warning("MD5105", TrainingCategory, "validation_split ignored");
    public static readonly DiagnosticDescriptor MD5106 = Warning("MD5106", TrainingCategory, "Augmentation has no effect");
    public static readonly DiagnosticDescriptor MD5107 = Warning("MD5107", TrainingCategory, "Cosine min_lr not below lr");
    public static readonly DiagnosticDescriptor MD5108 = Warning("MD5108", TrainingCategory, "Redundant freeze entry");
    public static readonly DiagnosticDescriptor MD5109 = Warning("MD5109", TrainingCategory, "Monitor mode contradicts the monitor");
    public static readonly DiagnosticDescriptor MD5110 = Warning("MD5110", TrainingCategory, "Binary cross-entropy on a two-class softmax");

    /// <summary>MD5101.</summary>
    public static Diagnostic RegressionLossOnSquashingOutput(SourceSpan span, string loss, string output, string activation) =>
        new(MD5101, span, $"{loss} on {output}, which ends in {activation}: a regression loss expects unbounded values but the output is squashed; remove the {activation} or use a cross-entropy loss");

    /// <summary>MD5102: val_* is only recorded when validation data exists; it may still be passed to Fit in code.</summary>
    public static Diagnostic ValidationMonitorWithoutValidationData(SourceSpan span, string monitor) =>
        new(MD5102, span, $"{monitor} is only recorded with validation data but this training has neither validation_split nor data.validation; add 'validation_split: 0.1' or pass validation data to Fit");

    /// <summary>MD5103.</summary>
    public static Diagnostic ClassificationMetricOnRegression(SourceSpan span, string metric, string output, string loss) =>
        new(MD5103, span, $"{metric} on {output} expects class predictions but its loss is {loss} (regression); use mae or mse");

    /// <summary>MD5104.</summary>
    public static Diagnostic EverythingFrozen(SourceSpan span, string stage) =>
        new(MD5104, span, $"stage {stage} freezes every trainable parameter, so it trains nothing; unfreeze at least the task section");

    /// <summary>MD5105.</summary>
    public static Diagnostic ValidationSplitIgnored(SourceSpan span) =>
        new(MD5105, span, "validation_split is ignored because data.validation is given; remove one of them");

    /// <summary>MD5106.</summary>
    public static Diagnostic AugmentationNoOp(SourceSpan span, string call) =>
        new(MD5106, span, $"{call} changes nothing with these arguments; set a non-zero amount (flip(horizontal: true), shift(width: 0.1)) or remove it");

    /// <summary>MD5107.</summary>
    public static Diagnostic CosineMinLrNotBelowLr(SourceSpan span, string minLr, string lr) =>
        new(MD5107, span, $"cosine expects min_lr below the learning rate but found min_lr = {minLr} with lr = {lr}; the rate would not decay");

    /// <summary>MD5108.</summary>
    public static Diagnostic RedundantFreezeEntry(SourceSpan span, string entry, string covering) =>
        new(MD5108, span, $"'{entry}' is already frozen by '{covering}'; remove it");

    /// <summary>MD5110: on a 2-class softmax with one-hot targets, element-wise binary cross-entropy equals categorical
    /// cross-entropy, so the trainer uses the stable fused form.</summary>
    public static Diagnostic BinaryCrossEntropyOnTwoClassSoftmax(SourceSpan span, string output) =>
        new(MD5110, span, $"binary_crossentropy on {output}, a softmax over 2 classes, is categorical cross-entropy with one-hot targets and is trained as such; write categorical_crossentropy, or end the output in dense(1, activation: sigmoid) for 0/1 targets");

    /// <summary>MD5109.</summary>
    public static Diagnostic MonitorModeContradiction(SourceSpan span, string mode, string monitor, string expected) =>
        new(MD5109, span, $"mode: {mode} on {monitor}, which improves when it goes {(expected == "min" ? "down" : "up")}; use mode: {expected} or auto");

    // ─────────────────────── end of MD51xx (keep this marker) ───────────────────────

    // ──────────────────────── MD515x: PyTorch emission (issue 13) ────────────────────────

    public static readonly DiagnosticDescriptor MD5150 = Warning("MD5150", "PyTorch", "Name cannot be a PyTorch attribute");
    public static readonly DiagnosticDescriptor MD5151 = Warning("MD5151", "PyTorch", "Training not emitted for PyTorch");

    /// <summary>MD5150: state_dict keys must be the .model names, so a member named like a
    /// torch.nn.Module member (<c>train</c>, <c>forward</c>) cannot be emitted as an attribute.</summary>
    public static Diagnostic PyTorchUnusableName(SourceSpan span, string model, IReadOnlyList<string> names) =>
        new(MD5150, span, $"{model} is not emitted for PyTorch: {string.Join(", ", names)} cannot be {(names.Count == 1 ? "an attribute name" : "attribute names")} of a torch.nn.Module (a leading underscore, or a Module member such as train or forward), and its state_dict keys must be the .model names; rename the layer or module with 'as NAME'");

    /// <summary>MD5151: the training script cannot be written (the module still is).</summary>
    public static Diagnostic PyTorchTrainingNotEmitted(SourceSpan span, string training, string reason) =>
        new(MD5151, span, $"train {training} is not emitted as a PyTorch script: {reason}");

    // ─────────────────────── end of MD515x (keep this marker) ───────────────────────
}
