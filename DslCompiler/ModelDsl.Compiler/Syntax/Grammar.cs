using System;
using System.Collections.Generic;
using System.Linq;
using ModelDsl.Compiler.Diagnostics;
using Sprache;
using static ModelDsl.Compiler.Syntax.Bodies;
using static ModelDsl.Compiler.Syntax.Combinators;
using static ModelDsl.Compiler.Syntax.Tokens;

namespace ModelDsl.Compiler.Syntax;

/// <summary>
/// The <c>.model</c> grammar (LANGUAGE.md §1–6) as Sprache parsers, read from tokens up to declarations: expressions,
/// pipelines, statements, bodies, then the four declarations. Every node's span is the cover of its first and last
/// token. Recursion goes through <see cref="Combinators.Nested{T}"/>, which bounds the depth.
/// </summary>
internal static class Grammar
{
    private const string StatementExpectation = "a statement (a layer call, let, output or repeat)";
    private const string TrainItemExpectation = "a setting ('key: value'), a call, a stage or data";

    // ───────────── punctuation ─────────────
    private static readonly Parser<SourceSpan> OpenParen = Symbol("(");
    private static readonly Parser<SourceSpan> OpenBracket = Symbol("[");
    private static readonly Parser<SourceSpan> OpenBrace = Symbol("{");
    private static readonly Parser<SourceSpan> Colon = Symbol(":");
    private static readonly Parser<SourceSpan> EqualsSign = Symbol("=");
    private static readonly Parser<SourceSpan> PipeArrow = Symbol("|>");
    private static readonly Parser<SourceSpan> Dot = Symbol(".");
    private static readonly Parser<SourceSpan> Minus = Symbol("-");

    // ───────────── expressions ─────────────
    // expression     := additive
    // additive       := multiplicative (('+' | '-') multiplicative)*
    // multiplicative := unary (('*' | '/' | '%') unary)*
    // unary          := '-'* postfix
    // postfix        := primary ('.' name)*
    // primary        := number | string | name | call | '(' expr ')' | tuple | list | map
    private static readonly Parser<ExpressionSyntax> Expression = Nested(() => NotTooDeep(Additive!));

    /// <summary>Operator chains are parsed iteratively but make trees as deep as they are long; a tree deeper than
    /// <see cref="ExpressionDepth.Limit"/> is MD1040 here, so no later stage can overflow its stack walking it.</summary>
    private static Parser<ExpressionSyntax> NotTooDeep(Parser<ExpressionSyntax> expression) => input =>
    {
        var result = expression(input);
        if (!result.WasSuccessful || !ExpressionDepth.Exceeds(result.Value))
        {
            return result;
        }

        Context(input).Report(DiagnosticCatalog.ExpressionTooDeep(result.Value.Span, ExpressionDepth.Limit));
        return Fail<ExpressionSyntax>(result.Remainder, TooDeep);
    };

    /// <summary><c>name:</c> in front of an argument; backtracks so that <c>a / b</c> is still a positional argument.</summary>
    private static readonly Parser<IdentifierSyntax> ArgumentName =
        (from name in AnyName("an argument name")
         from colon in Colon
         select name).Attempt();

    private static readonly Parser<ArgumentSyntax> Argument =
        from name in ArgumentName.Maybe()
        from value in Expression
        select new ArgumentSyntax(name is null ? value.Span : SourceSpan.Cover(name.Span, value.Span), name, value);

    private static readonly Parser<(IReadOnlyList<ArgumentSyntax> Items, SourceSpan Open, SourceSpan Close)> ArgumentItems =
        Delimited(OpenParen, Argument, ')');

    /// <summary><c>( positional..., name: value... )</c>; a positional argument after a named one is reported (MD1013).</summary>
    private static readonly Parser<ArgumentList> Arguments = input =>
    {
        var result = ArgumentItems(input);
        if (!result.WasSuccessful)
        {
            return Cast<(IReadOnlyList<ArgumentSyntax>, SourceSpan, SourceSpan), ArgumentList>(result);
        }

        string? lastNamed = null;
        foreach (var argument in result.Value.Items)
        {
            if (argument.Name is not null)
            {
                lastNamed = argument.Name.Name;
            }
            else if (lastNamed is not null)
            {
                Context(input).Report(DiagnosticCatalog.PositionalAfterNamed(argument.Span, lastNamed));
            }
        }

        return Result.Success(new ArgumentList(result.Value.Items.ToEquatableArray(), result.Value.Close), result.Remainder);
    };

    private static readonly Parser<ExpressionSyntax> NameOrCall =
        from name in AnyName("a name")
        from arguments in Arguments.Maybe()
        select arguments is not null
            ? new CallExpressionSyntax(SourceSpan.Cover(name.Span, arguments.Close), name, arguments.Arguments)
            : name.Name is "true" or "false"
                ? new BooleanLiteralSyntax(name.Span, name.Name == "true")
                : (ExpressionSyntax)new NameExpressionSyntax(name.Span, name.Name);

    private static readonly Parser<(IReadOnlyList<ExpressionSyntax> Items, SourceSpan Open, SourceSpan Close)> ParenthesizedItems =
        Delimited(OpenParen, Expression, ')');

    /// <summary><c>(a + b)</c> is the inner expression, its span widened to the parentheses (so spans of enclosing
    /// expressions stay contiguous); <c>(3, 3)</c> is a tuple; <c>()</c> is an error.</summary>
    private static readonly Parser<ExpressionSyntax> ParenthesizedOrTuple = input =>
    {
        var result = ParenthesizedItems(input);
        if (!result.WasSuccessful)
        {
            return Cast<(IReadOnlyList<ExpressionSyntax>, SourceSpan, SourceSpan), ExpressionSyntax>(result);
        }

        var (items, open, close) = result.Value;
        return items.Count switch
        {
            0 => Fail<ExpressionSyntax>(Context(input).At(close.Start), "an expression"),
            1 => Result.Success(items[0] with { Span = SourceSpan.Cover(open, close) }, result.Remainder),
            _ => Result.Success<ExpressionSyntax>(new TupleExpressionSyntax(SourceSpan.Cover(open, close), items.ToEquatableArray()), result.Remainder),
        };
    };

    private static readonly Parser<ExpressionSyntax> List =
        from list in Delimited(OpenBracket, Expression, ']')
        select (ExpressionSyntax)new ListExpressionSyntax(SourceSpan.Cover(list.Open, list.Close), list.Items.ToEquatableArray());

    private static readonly Parser<MapEntrySyntax> MapEntry =
        from key in AnyName("a key")
        from colon in Colon
        from value in Expression
        select new MapEntrySyntax(SourceSpan.Cover(key.Span, value.Span), key, value);

    /// <summary><c>{ age: mse, gender: binary_crossentropy }</c>; commas between entries are optional.</summary>
    private static readonly Parser<ExpressionSyntax> Map =
        from map in Delimited(OpenBrace, MapEntry, '}', commasOptional: true)
        select (ExpressionSyntax)new MapExpressionSyntax(SourceSpan.Cover(map.Open, map.Close), map.Items.ToEquatableArray());

    private static readonly Parser<ExpressionSyntax> StringLiteral = Tokens.String.Select(literal => (ExpressionSyntax)literal);

    private static readonly Parser<ExpressionSyntax> Primary = ByFirstCharacter(
        c => c switch
        {
            '"' => StringLiteral,
            '(' => ParenthesizedOrTuple,
            '[' => List,
            '{' => Map,
            _ when Lexer.IsDigit(c) => Number,
            _ when Lexer.IsIdentifierStart(c) => NameOrCall,
            _ => null,
        },
        "an expression");

    private static readonly Parser<IdentifierSyntax> MemberName =
        from dot in Dot
        from name in AnyName("a name after '.'")
        select name;

    private static readonly Parser<ExpressionSyntax> Postfix =
        from target in Primary
        from members in MemberName.ZeroOrMore()
        select members.Aggregate(target, (left, member) => (ExpressionSyntax)new MemberAccessExpressionSyntax(SourceSpan.Cover(left.Span, member.Span), left, member));

    private static readonly Parser<ExpressionSyntax> Unary =
        from signs in Minus.ZeroOrMore()
        from operand in Postfix
        select Negate(signs, operand);

    private static readonly Parser<BinaryOperator> MultiplicativeOperator =
        Operator("*/%", BinaryOperator.Multiply, BinaryOperator.Divide, BinaryOperator.Modulo);

    private static readonly Parser<BinaryOperator> AdditiveOperator = Operator("+-", BinaryOperator.Add, BinaryOperator.Subtract);

    private static readonly Parser<ExpressionSyntax> Multiplicative =
        from first in Unary
        from rest in (from op in MultiplicativeOperator from right in Unary select (op, right)).ZeroOrMore()
        select FoldLeft(first, rest);

    private static readonly Parser<ExpressionSyntax> Additive =
        from first in Multiplicative
        from rest in (from op in AdditiveOperator from right in Multiplicative select (op, right)).ZeroOrMore()
        select FoldLeft(first, rest);

    // ───────────── model inputs ─────────────
    private static readonly Parser<ExpressionSyntax> Dimension = Choice(
        Number,
        AnyName("a symbol").Select(name => (ExpressionSyntax)new NameExpressionSyntax(name.Span, name.Name)))
        .Expect("a dimension (an integer or a symbol such as H)");

    /// <summary><c>input image: float[3, H, W]</c>.</summary>
    private static readonly Parser<SyntaxNode> Input =
        from keyword in Keyword("input")
        from name in DeclaredName("an input name")
        from colon in Colon
        from type in AnyName("an element type (float)")
        from dimensions in Delimited(OpenBracket, Dimension, ']')
        select (SyntaxNode)new InputDeclarationSyntax(SourceSpan.Cover(keyword, dimensions.Close), name, type, dimensions.Items.ToEquatableArray());

    // ───────────── layer calls and pipelines ─────────────
    private static readonly Parser<IdentifierSyntax> AliasName = input =>
    {
        var context = Context(input);
        var at = context.SkipTrivia(input.Position);
        var end = Lexer.ScanIdentifier(context.Text, at);
        return end > at && context.SkipTrivia(end) < context.Text.Length && context.Text[context.SkipTrivia(end)] == '('
            ? Fail<IdentifierSyntax>(context.At(at), "a name after 'as'")
            : DeclaredName("a name after 'as'")(input);
    };

    /// <summary><c>as NAME</c>. A name followed by <c>(</c> is the next layer call, not the alias (<c>dense(10) as</c>
    /// at the end of a line, then <c>relu()</c>): the alias is reported missing rather than the call mangled.</summary>
    private static readonly Parser<IdentifierSyntax> Alias =
        from keyword in Keyword("as")
        from name in AliasName
        select name;

    /// <summary><c>conv2d(64, kernel: 3) [as name]</c>.</summary>
    private static readonly Parser<LayerCallSyntax> LayerCall =
        from name in PlainName("a layer, block or group name")
        from arguments in Arguments
        from alias in Alias.Maybe()
        select new LayerCallSyntax(SourceSpan.Cover(name.Span, alias?.Span ?? arguments.Close), name, arguments.Arguments, alias);

    private static readonly Parser<LayerCallSyntax> PipelineStep =
        from arrow in PipeArrow
        from call in LayerCall
        select call;

    /// <summary>The source of a pipeline; <c>let a = conv2d(...)</c> is reported (MD1017) and read as <c>x |&gt; conv2d(...)</c>.</summary>
    private static readonly Parser<PipelineHead> PipelineSource = input =>
    {
        var source = AnyName("a tensor name (x, input, a let name or a model input)")(input);
        if (!source.WasSuccessful)
        {
            return Cast<IdentifierSyntax, PipelineHead>(source);
        }

        var context = Context(input);
        var next = context.SkipTrivia(source.Remainder.Position);
        if (next >= context.Text.Length || context.Text[next] != '(' || Keywords.IsKeyword(source.Value.Name))
        {
            return Result.Success(new PipelineHead(source.Value, null), source.Remainder);
        }

        var call = LayerCall(input);
        if (!call.WasSuccessful)
        {
            return Cast<LayerCallSyntax, PipelineHead>(call);
        }

        context.Report(DiagnosticCatalog.CallAsPipelineSource(call.Value.Span, source.Value.Name));
        var start = source.Value.Span.Start;
        return Result.Success(new PipelineHead(new IdentifierSyntax(context.Span(start, start), "x"), call.Value), call.Remainder);
    };

    private static readonly Parser<PipelineSyntax> Pipeline =
        from head in PipelineSource
        from steps in PipelineStep.ZeroOrMore()
        select MakePipeline(head, steps);

    // ───────────── statements ─────────────
    private static readonly Parser<StatementSyntax> Let =
        from keyword in Keyword("let")
        from name in DeclaredName("a name for the tensor")
        from assign in EqualsSign
        from value in Pipeline
        select (StatementSyntax)new LetStatementSyntax(SourceSpan.Cover(keyword, value.Span), name, value);

    private static readonly Parser<StatementSyntax> Output =
        from keyword in Keyword("output")
        from name in DeclaredName("an output name")
        from assign in EqualsSign
        from value in Pipeline
        select (StatementSyntax)new OutputStatementSyntax(SourceSpan.Cover(keyword, value.Span), name, value);

    /// <summary>The count of a <c>repeat</c>; checked first so <c>repeat { ... }</c> is not read as a map.</summary>
    private static readonly Parser<ExpressionSyntax> RepeatCount = input =>
    {
        var context = Context(input);
        var at = context.SkipTrivia(input.Position);
        return at < context.Text.Length && context.Text[at] == '{'
            ? Fail<ExpressionSyntax>(context.At(at), "a repeat count (an integer expression)")
            : Expression(input);
    };

    private static readonly Parser<StatementSyntax> Repeat =
        from keyword in Keyword("repeat")
        from count in RepeatCount
        from body in Body(StatementItem!, "the repeat", NestedBody("inside a repeat"), skipped: SkippedStatement)
        select (StatementSyntax)new RepeatStatementSyntax(SourceSpan.Cover(keyword, body.Close), count, Statements(body.Items));

    private static Parser<StatementSyntax> Section(SectionKind kind) =>
        from span in Keyword(SectionName(kind))
        let keyword = (Kind: kind, Span: span)
        from body in Body(StatementItem!, $"section '{SectionName(keyword.Kind)}'", NestedBody($"inside section '{SectionName(keyword.Kind)}'"), skipped: SkippedStatement)
        select (StatementSyntax)new SectionStatementSyntax(SourceSpan.Cover(keyword.Span, body.Close), keyword.Kind, keyword.Span, Statements(body.Items));

    /// <summary>What a statement body holds: statements, and <c>input</c> declarations (valid only at the start of a
    /// model). The leading keyword selects the statement; anything else is a layer call.</summary>
    private static readonly Parser<SyntaxNode> StatementItem = Nested(() => ByKeyword(
        new Dictionary<string, Parser<SyntaxNode>>
        {
            ["input"] = Input,
            ["let"] = AsNode(Let),
            ["output"] = AsNode(Output),
            ["repeat"] = AsNode(Repeat),
            ["stem"] = AsNode(Section(SectionKind.Stem)),
            ["learner"] = AsNode(Section(SectionKind.Learner)),
            ["task"] = AsNode(Section(SectionKind.Task)),
        },
        LayerCall.Select(call => (SyntaxNode)call)).Expect(StatementExpectation));

    // ───────────── blocks, groups, models ─────────────
    private static readonly Parser<IdentifierSyntax> ParameterType =
        from colon in Colon
        from type in AnyName("a parameter type (int, float, bool, activation or padding)")
        select type;

    private static readonly Parser<ExpressionSyntax> ParameterDefault =
        from assign in EqualsSign
        from value in Expression
        select value;

    private static readonly Parser<ParameterSyntax> Parameter =
        from name in DeclaredName("a parameter name")
        from type in ParameterType.Maybe()
        from value in ParameterDefault.Maybe()
        select new ParameterSyntax(SourceSpan.Cover(name.Span, value?.Span ?? type?.Span ?? name.Span), name, type, value);

    private static readonly Parser<IReadOnlyList<ParameterSyntax>> Parameters =
        from parameters in Delimited(OpenParen, Parameter, ')')
        select parameters.Items;

    private static readonly Parser<SyntaxNode> Block = Callable("block");

    private static readonly Parser<SyntaxNode> Group = Callable("group");

    private static readonly Parser<SyntaxNode> Model =
        from keyword in Keyword("model")
        from name in DeclaredName("a model name")
        from body in Body(StatementItem, $"model '{name.Name}'", ModelBody, skipped: SkippedStatement)
        select (SyntaxNode)new ModelDeclarationSyntax(
            SourceSpan.Cover(keyword, body.Close),
            name,
            body.Items.OfType<InputDeclarationSyntax>().ToEquatableArray(),
            Statements(body.Items));

    // ───────────── train ─────────────
    private static readonly Parser<TrainItemSyntax> TrainItem = Nested(() => ByKeyword(
        new Dictionary<string, Parser<TrainItemSyntax>> { ["stage"] = Stage!, ["data"] = Data!, ["augment"] = Augment! },
        SettingOrCall!).Expect(TrainItemExpectation));

    /// <summary><c>key: value</c> or <c>callback(args)</c>; the key may be a keyword (<c>train:</c> inside <c>data</c>).</summary>
    private static readonly Parser<TrainItemSyntax> SettingOrCall =
        from key in AnyName("a setting name")
        from item in Choice(
            from colon in Colon
            from value in Expression
            select (TrainItemSyntax)new SettingSyntax(SourceSpan.Cover(key.Span, value.Span), key, value),
            from arguments in Arguments
            let span = SourceSpan.Cover(key.Span, arguments.Close)
            select (TrainItemSyntax)new TrainCallSyntax(span, new CallExpressionSyntax(span, key, arguments.Arguments)))
        select item;

    private static readonly Parser<TrainItemSyntax> Stage =
        from keyword in Keyword("stage")
        from name in DeclaredName("a stage name")
        from body in Body(TrainItem, $"stage '{name.Name}'", StageBody, commas: true)
        select (TrainItemSyntax)new StageSyntax(SourceSpan.Cover(keyword, body.Close), name, body.Items);

    private static readonly Parser<TrainItemSyntax> Data =
        from keyword in Keyword("data")
        from body in Body(TrainItem, "data", DataBody, commas: true)
        select (TrainItemSyntax)new DataSyntax(SourceSpan.Cover(keyword, body.Close), body.Items);

    private static readonly Parser<CallExpressionSyntax> AugmentCall =
        from name in AnyName("an augmentation such as flip(horizontal: true)")
        from arguments in Arguments
        select new CallExpressionSyntax(SourceSpan.Cover(name.Span, arguments.Close), name, arguments.Arguments);

    private static readonly Parser<TrainItemSyntax> Augment =
        from keyword in Keyword("augment")
        from body in Body(AugmentCall, "augment", null, commas: true)
        select (TrainItemSyntax)new AugmentSyntax(SourceSpan.Cover(keyword, body.Close), body.Items);

    private static readonly Parser<SyntaxNode> Train =
        from keyword in Keyword("train")
        from model in AnyName("the name of the model to train")
        from alias in Alias.Maybe()
        from body in Body(TrainItem, $"train '{(alias ?? model).Name}'", TrainBody, commas: true)
        select (SyntaxNode)new TrainDeclarationSyntax(SourceSpan.Cover(keyword, body.Close), model, alias, body.Items);

    // ───────────── file ─────────────
    private static readonly Parser<SyntaxNode> Namespace =
        from keyword in Keyword("namespace")
        from first in AnyName("a namespace name")
        from rest in MemberName.ZeroOrMore()
        let parts = new[] { first }.Concat(rest).ToEquatableArray()
        select (SyntaxNode)new NamespaceDeclarationSyntax(SourceSpan.Cover(keyword, parts[parts.Count - 1].Span), parts);

    private static readonly Parser<SyntaxNode> Import =
        from keyword in Keyword("import")
        from path in Tokens.String.Expect("a file path in quotes")
        select (SyntaxNode)new ImportDeclarationSyntax(SourceSpan.Cover(keyword, path.Span), path);

    private static readonly Parser<SyntaxNode> Defaults =
        from keyword in Keyword("defaults")
        from body in Body(TrainItem, "defaults", DataBody, commas: true)
        select (SyntaxNode)new DefaultsDeclarationSyntax(SourceSpan.Cover(keyword, body.Close), body.Items);

    /// <summary>One top-level declaration.</summary>
    public static readonly Parser<SyntaxNode> Declaration = ByKeyword(
        new Dictionary<string, Parser<SyntaxNode>>
        {
            ["namespace"] = Namespace, ["import"] = Import, ["block"] = Block, ["group"] = Group, ["model"] = Model, ["train"] = Train, ["defaults"] = Defaults,
        },
        input => Fail<SyntaxNode>(input, "a declaration"));

    private static Parser<SyntaxNode> Callable(string keyword) =>
        from start in Keyword(keyword)
        from name in DeclaredName($"a {keyword} name")
        from parameters in Parameters.Maybe()
        from body in Body(StatementItem, $"{keyword} '{name.Name}'", NestedBody($"inside {keyword} '{name.Name}'"), skipped: SkippedStatement)
        let span = SourceSpan.Cover(start, body.Close)
        let parameterList = (parameters ?? System.Array.Empty<ParameterSyntax>()).ToEquatableArray()
        select keyword == "group"
            ? new GroupDeclarationSyntax(span, name, parameterList, Statements(body.Items))
            : (SyntaxNode)new BlockDeclarationSyntax(span, name, parameterList, Statements(body.Items));

    // ───────────── where items may stand (each misplaced item is reported once and dropped) ─────────────
    private static bool ModelBody(ParseContext context, SyntaxNode item, IReadOnlyList<SyntaxNode> itemsSoFar)
    {
        if (item is InputDeclarationSyntax input && itemsSoFar.Any(previous => previous is StatementSyntax and not SkippedStatementSyntax { Keyword: "input" }))
        {
            context.Report(DiagnosticCatalog.MisplacedInput(input.Span, input.Name.Name,
                "is declared after the model's first statement: expected input declarations at the start of the model body; move it up"));
        }

        return true;
    }

    private static Acceptor<SyntaxNode> NestedBody(string where) => (context, item, _) =>
    {
        switch (item)
        {
            case InputDeclarationSyntax input:
                context.Report(DiagnosticCatalog.MisplacedInput(input.Span, input.Name.Name,
                    $"is declared {where}: expected input declarations only at the start of a model body; move it there"));
                return false;
            case SectionStatementSyntax section:
                context.Report(DiagnosticCatalog.MisplacedSection(section.KeywordSpan, SectionName(section.Kind), where));
                return false;
            default:
                return true;
        }
    };

    private static bool TrainBody(ParseContext context, TrainItemSyntax item, IReadOnlyList<TrainItemSyntax> itemsSoFar) =>
        item is not AugmentSyntax augment || Misplaced(context, augment.Span, "augment", "inside data { }");

    private static bool StageBody(ParseContext context, TrainItemSyntax item, IReadOnlyList<TrainItemSyntax> itemsSoFar) => item switch
    {
        StageSyntax stage => Misplaced(context, stage.Span, "stage", "directly inside a train declaration"),
        DataSyntax data => Misplaced(context, data.Span, "data", "directly inside a train declaration"),
        AugmentSyntax augment => Misplaced(context, augment.Span, "augment", "inside data { }"),
        _ => true,
    };

    private static bool DataBody(ParseContext context, TrainItemSyntax item, IReadOnlyList<TrainItemSyntax> itemsSoFar) => item switch
    {
        StageSyntax stage => Misplaced(context, stage.Span, "stage", "directly inside a train declaration"),
        DataSyntax data => Misplaced(context, data.Span, "data", "directly inside a train declaration"),
        _ => true,
    };

    private static bool Misplaced(ParseContext context, SourceSpan span, string item, string allowedIn)
    {
        // Point at the keyword, not the whole body.
        var keyword = context.Span(span.Start, span.Start + item.Length);
        context.Report(DiagnosticCatalog.MisplacedTrainItem(keyword, item, allowedIn));
        return false;
    }

    // ───────────── helpers ─────────────
    private static Parser<SyntaxNode> AsNode(Parser<StatementSyntax> statement) => statement.Select(node => (SyntaxNode)node);

    /// <summary>The stand-in for a statement skipped after a syntax error, naming what it declared (<c>let a = …</c>,
    /// <c>output a = …</c>, <c>input a: …</c>) so later uses of that name do not cascade into unknown-name errors.</summary>
    private static SyntaxNode? SkippedStatement(ParseContext context, int start, int end)
    {
        var text = context.Text;
        var last = end;
        while (last > start && char.IsWhiteSpace(text[last - 1]))
        {
            last--;
        }

        var span = context.Span(start, Math.Max(last, start + 1));
        var wordEnd = Lexer.ScanIdentifier(text, start);
        var keyword = text.Substring(start, wordEnd - start);
        if (keyword is not ("let" or "output" or "input"))
        {
            return new SkippedStatementSyntax(span, null, null);
        }

        var nameStart = context.SkipTrivia(wordEnd);
        var nameEnd = nameStart < text.Length && Lexer.IsIdentifierStart(text[nameStart]) ? Lexer.ScanIdentifier(text, nameStart) : nameStart;
        var name = nameEnd > nameStart && nameEnd <= last ? new IdentifierSyntax(context.Span(nameStart, nameEnd), text.Substring(nameStart, nameEnd - nameStart)) : null;
        return new SkippedStatementSyntax(span, keyword, name);
    }

    private static EquatableArray<StatementSyntax> Statements(EquatableArray<SyntaxNode> items) =>
        items.OfType<StatementSyntax>().ToEquatableArray();

    private static string SectionName(SectionKind kind) => kind switch
    {
        SectionKind.Stem => "stem",
        SectionKind.Learner => "learner",
        _ => "task",
    };

    private static PipelineSyntax MakePipeline(PipelineHead head, IReadOnlyList<LayerCallSyntax> steps)
    {
        var allSteps = head.FirstStep is null ? steps : new[] { head.FirstStep }.Concat(steps).ToList();
        var end = allSteps.Count > 0 ? allSteps[allSteps.Count - 1].Span : head.FirstStep?.Span ?? head.Source.Span;
        return new PipelineSyntax(SourceSpan.Cover(head.Source.Span, end), head.Source, allSteps.ToEquatableArray());
    }

    /// <summary>Applies the leading minus signs; one directly before a number becomes part of the literal.</summary>
    private static ExpressionSyntax Negate(IReadOnlyList<SourceSpan> signs, ExpressionSyntax operand)
    {
        var result = operand;
        for (var i = signs.Count - 1; i >= 0; i--)
        {
            var span = SourceSpan.Cover(signs[i], result.Span);
            var innermost = i == signs.Count - 1;
            result = result switch
            {
                IntegerLiteralSyntax literal when innermost => new IntegerLiteralSyntax(span, -literal.Value),
                FloatLiteralSyntax literal when innermost => new FloatLiteralSyntax(span, -literal.Value, "-" + literal.Text),
                _ => new NegateExpressionSyntax(span, result),
            };
        }

        return result;
    }

    private static ExpressionSyntax FoldLeft(ExpressionSyntax first, IReadOnlyList<(BinaryOperator Operator, ExpressionSyntax Right)> rest) =>
        rest.Aggregate(first, (left, next) => new BinaryExpressionSyntax(SourceSpan.Cover(left.Span, next.Right.Span), next.Operator, left, next.Right));
}
