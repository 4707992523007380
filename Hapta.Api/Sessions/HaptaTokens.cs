using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hapta.Sessions;

/// <summary>
/// Mints and verifies Hapta's tokens: HS256 JWTs whose claims are PocketBase's record-token claims (<c>id</c>,
/// <c>collectionId</c>, <c>type: "authRecord"</c>, <c>exp</c>), so that SDKs read them as they read PocketBase's,
/// plus <c>sid</c> (session id) and <c>gen</c> (generation). Verification is local and cheap, so forgeries are
/// refused before any grain call; only the header <c>{"alg":"HS256"}</c> is accepted, which rules out
/// <c>alg: none</c> and algorithm confusion. Minting is deterministic: the same ticket gives the same token.
/// </summary>
internal sealed class HaptaTokens
{
    private const string HeaderJson = """{"alg":"HS256","typ":"JWT"}""";

    private static readonly string Header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(HeaderJson));

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public HaptaTokens(IOptions<HaptaSessionOptions> options, IHostEnvironment environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var secret = options.Value.Secret;
        _key = string.IsNullOrEmpty(secret)
            ? environment.IsDevelopment()
                ? RandomNumberGenerator.GetBytes(32)
                : throw new InvalidOperationException("Hapta:Sessions:Secret (env HAPTA_SECRET) is required.")
            : Encoding.UTF8.GetBytes(secret);
        _time = time;
    }

    /// <summary>A key for <paramref name="purpose"/>, derived from the signing secret (HKDF).</summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, info: Encoding.UTF8.GetBytes(purpose));

    public string Mint(SessionTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(
            ticket.CollectionId,
            ticket.ExpiresAt.ToUnixTimeSeconds(),
            ticket.Generation,
            ticket.UserId,
            ticket.SessionId,
            "authRecord"));
        var signingInput = Header + "." + Base64Url.EncodeToString(payload);
        return signingInput + "." + Base64Url.EncodeToString(Sign(signingInput));
    }

    /// <summary>The claims of a token Hapta signed and that has not expired; <see langword="null"/> otherwise.</summary>
    public TokenClaims? Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || !string.Equals(parts[0], Header, StringComparison.Ordinal)
            || !Base64Url.IsValid(parts[1]) || !Base64Url.IsValid(parts[2]))
        {
            return null;
        }

        // Compared in its canonical text form, so that a signature with whitespace or stray padding bits, which
        // a lenient decoder would map onto the right bytes, is refused as the forgery-adjacent input it is.
        var expected = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Sign(parts[0] + "." + parts[1])));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        Payload? claims;
        try
        {
            claims = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (JsonException)
        {
            return null;
        }

        if (claims is null || claims.Type != "authRecord" || string.IsNullOrEmpty(claims.Sid)
            || string.IsNullOrEmpty(claims.Id) || claims.Gen < 1)
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(claims.Exp);
        return expiresAt <= _time.GetUtcNow()
            ? null
            : new TokenClaims(claims.Id, claims.CollectionId ?? "", claims.Sid, claims.Gen, expiresAt);
    }

    private byte[] Sign(string signingInput) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput));

    /// <summary>Claims in PocketBase's order and names (lower camel case), plus Hapta's.</summary>
    private sealed record Payload(
        [property: System.Text.Json.Serialization.JsonPropertyName("collectionId")] string? CollectionId,
        [property: System.Text.Json.Serialization.JsonPropertyName("exp")] long Exp,
        [property: System.Text.Json.Serialization.JsonPropertyName("gen")] long Gen,
        [property: System.Text.Json.Serialization.JsonPropertyName("id")] string? Id,
        [property: System.Text.Json.Serialization.JsonPropertyName("sid")] string? Sid,
        [property: System.Text.Json.Serialization.JsonPropertyName("type")] string? Type);
}
