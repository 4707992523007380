using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hapta.Sessions.Tests;

public sealed class HaptaTokensTests
{
    private const string Secret = "q7Vd2mKx9LbR4tWz8NcF3hJy6PgS1uEa";

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public void Read_MintedToken_ReturnsEveryClaimOfTheTicket()
    {
        var sut = CreateSut();
        var ticket = Ticket();
        var token = sut.Mint(ticket);

        var claims = sut.Read(token);

        Assert.Equal(new TokenClaims("u1234567890abcd", "_pb_users_auth_", "c2Vzc2lvbi1pZC0xMjM0NQ", 7, ticket.ExpiresAt), claims);
    }

    [Fact]
    public void Mint_Ticket_PayloadCarriesPocketBaseRecordClaimsPlusSessionAndGeneration()
    {
        var sut = CreateSut();
        var ticket = Ticket();

        var token = sut.Mint(ticket);

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", Decode(parts[0]));
        using var payload = JsonDocument.Parse(Decode(parts[1]));
        var claims = payload.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        Assert.Equal(["collectionId", "exp", "gen", "id", "sid", "type"], claims.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("u1234567890abcd", claims["id"].GetString());
        Assert.Equal("_pb_users_auth_", claims["collectionId"].GetString());
        Assert.Equal("authRecord", claims["type"].GetString());
        Assert.Equal(JsonValueKind.Number, claims["exp"].ValueKind);
        Assert.Equal(ticket.ExpiresAt.ToUnixTimeSeconds(), claims["exp"].GetInt64());
        Assert.Equal("c2Vzc2lvbi1pZC0xMjM0NQ", claims["sid"].GetString());
        Assert.Equal(7, claims["gen"].GetInt64());
    }

    [Fact]
    public void Mint_SameTicketTwice_ReturnsTheSameString()
    {
        var sut = CreateSut();

        var first = sut.Mint(Ticket());
        var second = sut.Mint(Ticket());

        Assert.Equal(first, second);
    }

    [Fact]
    public void Mint_SameSecretOnAnotherInstance_ReturnsTheSameStringAndEachReadsTheOther()
    {
        var sut = CreateSut();
        var otherSilo = CreateSut();

        var token = sut.Mint(Ticket());

        Assert.Equal(token, otherSilo.Mint(Ticket()));
        Assert.NotNull(otherSilo.Read(token));
    }

    [Fact]
    public void Read_PayloadChangedToAnotherUser_ReturnsNull()
    {
        var sut = CreateSut();
        var parts = sut.Mint(Ticket()).Split('.');
        var forged = Decode(parts[1]).Replace("u1234567890abcd", "uOTHERUSER00000", StringComparison.Ordinal);

        var claims = sut.Read($"{parts[0]}.{Encode(forged)}.{parts[2]}");

        Assert.Null(claims);
    }

    [Fact]
    public void Read_PayloadChangedToAnotherGeneration_ReturnsNull()
    {
        var sut = CreateSut();
        var parts = sut.Mint(Ticket()).Split('.');
        var forged = Decode(parts[1]).Replace("\"gen\":7", "\"gen\":8", StringComparison.Ordinal);

        var claims = sut.Read($"{parts[0]}.{Encode(forged)}.{parts[2]}");

        Assert.NotEqual(Decode(parts[1]), forged);
        Assert.Null(claims);
    }

    [Fact]
    public void Read_SignatureWithOneByteFlipped_ReturnsNull()
    {
        var sut = CreateSut();
        var parts = sut.Mint(Ticket()).Split('.');
        var signature = Base64Url.DecodeFromChars(parts[2]);
        signature[0] ^= 0x01;

        var claims = sut.Read($"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(signature)}");

        Assert.Null(claims);
    }

    [Fact]
    public void Read_SignatureWithWhitespaceInserted_ReturnsNull()
    {
        var sut = CreateSut();
        var parts = sut.Mint(Ticket()).Split('.');
        var spaced = parts[2][..20] + " " + parts[2][20..];

        var claims = sut.Read($"{parts[0]}.{parts[1]}.{spaced}");

        Assert.Null(claims);
    }

    [Fact]
    public void Read_SignatureWithNonZeroPaddingBits_ReturnsNull()
    {
        // 32 signature bytes take 43 base64url characters; the last one carries 4 bits and 2 unused bits.
        // Setting an unused bit gives another string that a lenient decoder maps to the same bytes.
        var sut = CreateSut();
        var parts = sut.Mint(Ticket()).Split('.');
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = alphabet[alphabet.IndexOf(parts[2][^1], StringComparison.Ordinal) | 0b01];
        var altered = parts[2][..^1] + last;

        var claims = sut.Read($"{parts[0]}.{parts[1]}.{altered}");

        Assert.NotEqual(parts[2], altered);
        Assert.Null(claims);
    }

    [Fact]
    public void Read_SignatureMissing_ReturnsNull()
    {
        var sut = CreateSut();
        var parts = sut.Mint(Ticket()).Split('.');

        var claims = sut.Read($"{parts[0]}.{parts[1]}.");

        Assert.Null(claims);
    }

    [Fact]
    public void Read_TokenSignedWithAnotherSecret_ReturnsNull()
    {
        var sut = CreateSut();
        var stranger = CreateSut(secret: "Zp4Wn8Rb2Kx6Tq0Lc3Vm7Hs1Jd5Gf9Ye");

        var claims = sut.Read(stranger.Mint(Ticket()));

        Assert.Null(claims);
    }

    [Fact]
    public void Read_HeaderAlgNoneWithoutSignature_ReturnsNull()
    {
        var sut = CreateSut();
        var payload = sut.Mint(Ticket()).Split('.')[1];

        var claims = sut.Read($"{Encode("""{"alg":"none","typ":"JWT"}""")}.{payload}.");

        Assert.Null(claims);
    }

    [Fact]
    public void Read_HeaderAlgNoneKeepingTheValidSignature_ReturnsNull()
    {
        var sut = CreateSut();
        var parts = sut.Mint(Ticket()).Split('.');

        var claims = sut.Read($"{Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.{parts[2]}");

        Assert.Null(claims);
    }

    [Fact]
    public void Read_Hs512TokenSignedWithTheSameSecret_ReturnsNull()
    {
        var sut = CreateSut();
        var payload = sut.Mint(Ticket()).Split('.')[1];
        var signingInput = Encode("""{"alg":"HS512","typ":"JWT"}""") + "." + payload;
        var signature = HMACSHA512.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(signingInput));

        var claims = sut.Read(signingInput + "." + Base64Url.EncodeToString(signature));

        Assert.Null(claims);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Read_WrongNumberOfParts_ReturnsNull(int partCount)
    {
        var sut = CreateSut();
        var parts = sut.Mint(Ticket()).Split('.');
        var reshaped = partCount == 2 ? $"{parts[0]}.{parts[1]}" : $"{parts[0]}.{parts[1]}.{parts[2]}.{parts[2]}";

        var claims = sut.Read(reshaped);

        Assert.Null(claims);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("..")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.%%%.***")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln")]
    public void Read_Garbage_ReturnsNull(string token)
    {
        var sut = CreateSut();

        var claims = sut.Read(token);

        Assert.Null(claims);
    }

    [Fact]
    public void Read_OneTickBeforeExp_ReturnsClaims()
    {
        var sut = CreateSut();
        var token = sut.Mint(Ticket(expiresAt: Start.AddMinutes(30)));
        _time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromTicks(1));

        var claims = sut.Read(token);

        Assert.NotNull(claims);
    }

    [Fact]
    public void Read_ExactlyAtExp_ReturnsNull()
    {
        var sut = CreateSut();
        var token = sut.Mint(Ticket(expiresAt: Start.AddMinutes(30)));
        _time.Advance(TimeSpan.FromMinutes(30));

        var claims = sut.Read(token);

        Assert.Null(claims);
    }

    [Fact]
    public void Read_PastExp_ReturnsNull()
    {
        var sut = CreateSut();
        var token = sut.Mint(Ticket(expiresAt: Start.AddMinutes(30)));
        _time.Advance(TimeSpan.FromDays(1));

        var claims = sut.Read(token);

        Assert.Null(claims);
    }

    [Fact]
    public void Read_DevelopmentWithoutSecret_RoundTripsWithARandomKey()
    {
        var sut = CreateSut(secret: null, environment: Environments.Development);
        var otherProcess = CreateSut(secret: null, environment: Environments.Development);
        var token = sut.Mint(Ticket());

        var claims = sut.Read(token);

        Assert.NotNull(claims);
        Assert.Null(otherProcess.Read(token));
    }

    [Theory]
    [InlineData(null, "Production")]
    [InlineData("", "Production")]
    [InlineData(null, "Staging")]
    public void Constructor_NoSecretOutsideDevelopment_Throws(string? secret, string environment)
    {
        var options = Options.Create(new HaptaSessionOptions { Secret = secret });
        var host = new HostingEnvironment { EnvironmentName = environment };

        var error = Assert.Throws<InvalidOperationException>(() => new HaptaTokens(options, host, _time));

        Assert.Contains("HAPTA_SECRET", error.Message, StringComparison.Ordinal);
    }

    private HaptaTokens CreateSut(string? secret = Secret, string environment = "Production") =>
        new(
            Options.Create(new HaptaSessionOptions { Secret = secret }),
            new HostingEnvironment { EnvironmentName = environment },
            _time);

    private static SessionTicket Ticket(DateTimeOffset? expiresAt = null) => new()
    {
        SessionId = "c2Vzc2lvbi1pZC0xMjM0NQ",
        UserId = "u1234567890abcd",
        CollectionId = "_pb_users_auth_",
        Generation = 7,
        ExpiresAt = expiresAt ?? Start.AddHours(1),
    };

    private static string Decode(string part) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(part));

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
