using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Hapta.Sessions;

namespace Hapta.Files;

/// <summary>
/// Hapta's file tokens: PocketBase's short-lived file token sealed with AES-GCM under a key derived from Hapta's
/// secret, so that no PocketBase token leaves the gateway and any silo can open it again without shared state.
/// PocketBase still decides: its token expires (120 s) and is checked against the record's view rule.
/// </summary>
internal sealed class FileTokens(HaptaTokens tokens)
{
    private const string Prefix = "hf.";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key = tokens.DeriveKey("hapta file token v1");

    public string Seal(string pocketBaseFileToken)
    {
        var plain = Encoding.UTF8.GetBytes(pocketBaseFileToken);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        return Prefix + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The PocketBase file token in <paramref name="token"/>, or null for one Hapta did not seal.</summary>
    public string? Open(string? token)
    {
        if (token is not { Length: > 3 and < 4096 } || !token.StartsWith(Prefix, StringComparison.Ordinal)
            || !Base64Url.IsValid(token.AsSpan(Prefix.Length)))
        {
            return null;
        }

        var sealedBytes = Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length));
        if (sealedBytes.Length <= NonceSize + TagSize)
        {
            return null;
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(
                sealedBytes.AsSpan(0, NonceSize),
                sealedBytes.AsSpan(NonceSize + TagSize),
                sealedBytes.AsSpan(NonceSize, TagSize),
                plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
