using Hapta.Sessions;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hapta.Files.Tests;

public sealed class FileTokensTests
{
    private const string PocketBaseFileToken = "eyJhbGciOiJIUzI1NiJ9.eyJ0eXBlIjoiYXV0aFJlY29yZCJ9.c2lnbmF0dXJl";

    [Fact]
    public void Open_WhatItSealed_ThePocketBaseToken()
    {
        var sut = CreateSut("a-secret-of-at-least-thirty-two-characters");

        var token = sut.Seal(PocketBaseFileToken);

        Assert.Equal(PocketBaseFileToken, sut.Open(token));
        Assert.DoesNotContain("eyJ", token, StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_TwiceTheSameToken_TwoDifferentTokens() // a fresh nonce each time
    {
        var sut = CreateSut("a-secret-of-at-least-thirty-two-characters");

        Assert.NotEqual(sut.Seal(PocketBaseFileToken), sut.Seal(PocketBaseFileToken));
    }

    [Fact]
    public void Open_SealedUnderAnotherSecret_Null()
    {
        var token = CreateSut("another-secret-of-thirty-two-characters!").Seal(PocketBaseFileToken);

        Assert.Null(CreateSut("a-secret-of-at-least-thirty-two-characters").Open(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(PocketBaseFileToken)] // PocketBase's own token is not Hapta's
    [InlineData("hf.")]
    [InlineData("hf.not base64!")]
    [InlineData("hf.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Open_NotATokenHaptaSealed_Null(string? token) =>
        Assert.Null(CreateSut("a-secret-of-at-least-thirty-two-characters").Open(token));

    [Fact]
    public void Open_OneBitChanged_Null()
    {
        var sut = CreateSut("a-secret-of-at-least-thirty-two-characters");
        var token = sut.Seal(PocketBaseFileToken).ToCharArray();
        token[^3] = token[^3] == 'A' ? 'B' : 'A';

        Assert.Null(sut.Open(new string(token)));
    }

    private static FileTokens CreateSut(string secret) => new(new HaptaTokens(
        Options.Create(new HaptaSessionOptions { Secret = secret }),
        new HostingEnvironment { EnvironmentName = "Production" },
        new FakeTimeProvider()));
}
