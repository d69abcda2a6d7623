using ModelDsl.Compiler.Emit;
using Xunit;

namespace ModelDsl.Compiler.Tests.Emit;

public sealed class CSharpNamesTests
{
    [Theory]
    [InlineData("residual_group", "ResidualGroup")]
    [InlineData("conv2d_1", "Conv2d_1")]
    [InlineData("conv2d1", "Conv2d1")]
    [InlineData("mnist_dnn", "MnistDnn")]
    [InlineData("MnistDnn", "MnistDnn")]
    [InlineData("_private", "Private")]
    [InlineData("a__b", "AB")]
    [InlineData("2fast", "_2fast")]
    [InlineData("", "_")]
    [InlineData("___", "_")]
    public void Pascal_case(string source, string expected) => Assert.Equal(expected, CSharpNames.ToPascalCase(source));

    [Theory]
    [InlineData("residual_group", "residualGroup")]
    [InlineData("class", "@class")]
    [InlineData("int", "@int")]
    [InlineData("var", "@var")]
    [InlineData("shortcut", "shortcut")]
    public void Camel_case_escapes_keywords(string source, string expected) => Assert.Equal(expected, CSharpNames.ToCamelCase(source));

    [Theory]
    [InlineData("conv2d_1", "_conv2d_1")]
    [InlineData("class", "_class")]
    [InlineData("stem", "_stem")]
    public void Field_names_follow_the_house_style(string source, string expected) => Assert.Equal(expected, CSharpNames.ToFieldName(source));

    [Theory]
    [InlineData("x\"); System.Environment.Exit(1); //", "XSystemEnvironmentExit1")]
    [InlineData("a\nb", "Ab")]
    [InlineData("naïve", "Nave")]
    [InlineData("a.b", "Ab")]
    public void Characters_outside_identifiers_are_dropped(string source, string expected) =>
        Assert.Equal(expected, CSharpNames.ToPascalCase(source));

    [Fact]
    public void Identifiers_are_validated()
    {
        Assert.True(CSharpNames.IsPlainIdentifier("conv2d_1"));
        Assert.False(CSharpNames.IsPlainIdentifier("class"));
        Assert.False(CSharpNames.IsPlainIdentifier("1a"));
        Assert.False(CSharpNames.IsPlainIdentifier("a-b"));
        Assert.False(CSharpNames.IsPlainIdentifier(string.Empty));
    }

    [Theory]
    [InlineData("Acme.Vision", "Acme.Vision")]
    [InlineData("Acme.class", "Acme.@class")]
    [InlineData("Acme;using System", "AcmeusingSystem")]
    [InlineData("..", "Fallback")]
    [InlineData(null, "Fallback")]
    public void Namespaces_are_cleaned(string? source, string expected) => Assert.Equal(expected, CSharpNames.ToNamespace(source, "Fallback"));

    [Fact]
    public void Name_scope_suffixes_taken_and_reserved_names()
    {
        var scope = new NameScope("Forward", "ResNet");
        Assert.Equal("Conv2d1", scope.Claim("Conv2d1"));
        Assert.Equal("Conv2d12", scope.Claim("Conv2d1"));
        Assert.Equal("Forward2", scope.Claim("Forward"));
        Assert.Equal("ResNet2", scope.Claim("ResNet"));
        Assert.Equal("@class", scope.Claim("@class"));
        Assert.Equal("class2", scope.Claim("@class"));
    }
}
