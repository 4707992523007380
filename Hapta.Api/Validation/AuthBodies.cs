using System.Collections.Frozen;
using System.Text.Json;
using Hapta.Errors;

namespace Hapta.Validation;

/// <summary>
/// The bodies of the auth routes, which are forms of a few text fields rather than records: each field known to
/// its route, text, present where PocketBase requires it, no key twice. E-mail addresses are checked for form;
/// passwords and tokens only for type and length, and never quoted back.
/// </summary>
internal static class AuthBodies
{
    /// <summary>
    /// Longest token accepted in a body (verification and reset tokens are JWTs of a few hundred bytes).
    /// </summary>
    public const int MaxTokenLength = 4096;

    private static readonly FrozenDictionary<string, string[]> Fields = new Dictionary<string, string[]>
    {
        ["auth-with-password"] = ["identity", "password"],
        ["request-verification"] = ["email"],
        ["confirm-verification"] = ["token"],
        ["request-password-reset"] = ["email"],
        ["confirm-password-reset"] = ["token", "password", "passwordConfirm"],
        ["auth-with-oauth2"] = ["provider", "code", "codeVerifier", "redirectUrl", "createData"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Fields that may be left out (PKCE's verifier, the data of a new account).</summary>
    private static readonly string[] Optional = ["codeVerifier", "createData"];

    private const string UnloadableMessage = "An error occurred while loading the submitted data.";

    private static readonly FieldError Blank = new(ValidationCodes.Required, "Cannot be blank.");

    /// <summary>The problem with the body of <paramref name="action"/>, or <see langword="null"/>.</summary>
    public static ApiError? Check(string action, ReadOnlyMemory<byte> body)
    {
        if (!Fields.TryGetValue(action, out var fields))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var problems = new Dictionary<string, FieldError>(StringComparer.Ordinal);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var key = property.Name;
                if (Array.IndexOf(fields, key) < 0)
                {
                    problems.TryAdd(key, new FieldError(
                        ValidationCodes.UnknownField, $"{action} takes only {string.Join(", ", fields)}."));
                }
                else if (values.ContainsKey(key) || problems.ContainsKey(key))
                {
                    problems[key] = new FieldError(
                        ValidationCodes.DuplicateKey, "The body names this field twice; send it once.");
                }
                else if (key == "createData")
                {
                    if (property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                    {
                        problems[key] = new FieldError(
                            ValidationCodes.InvalidType, "Must be an object of the new account's fields.");
                    }

                    values[key] = "";
                }
                else if (property.Value.ValueKind == JsonValueKind.String)
                {
                    values[key] = property.Value.GetString()!;
                }
                else if (property.Value.ValueKind != JsonValueKind.Null)
                {
                    problems[key] = new FieldError(ValidationCodes.InvalidType, "Must be a text value.");
                }
            }

            foreach (var field in fields)
            {
                if (Array.IndexOf(Optional, field) >= 0 && string.IsNullOrEmpty(values.GetValueOrDefault(field)))
                {
                    continue;
                }

                if (!problems.ContainsKey(field)
                    && ValueProblem(field, values.GetValueOrDefault(field), values) is { } p)
                {
                    problems[field] = p;
                }
            }

            if (problems.Count == 0)
            {
                return null;
            }

            // PocketBase's words when a value is not text, whatever else is wrong.
            var message = problems.Values.Any(static p => p.Code == ValidationCodes.InvalidType)
                ? UnloadableMessage
                : ApiError.BadRequestMessage;
            return ApiError.BadRequest(
                message, $"The body of {action} is incomplete or malformed: see data.", problems);
        }
        catch (JsonException)
        {
            return ApiError.BadRequest(ApiError.InvalidBodyMessage, "The body must be one well-formed JSON object.");
        }
        catch (InvalidOperationException)
        {
            return ApiError.BadRequest(
                ApiError.InvalidBodyMessage,
                "The body holds a \\u escape that is not a whole character (half a surrogate pair).");
        }
    }

    private static FieldError? ValueProblem(string field, string? value, Dictionary<string, string> values)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Blank;
        }

        switch (field)
        {
            case "email" when value.Length > 255 || !TextValues.LooksLikeEmail(value):
                return new FieldError(ValidationCodes.IsEmail, "Must be a valid email address.");
            case "identity" when TextValues.ControlCharacterAt(value) >= 0:
                return new FieldError(ValidationCodes.ControlCharacter, "Holds a control character.");
            case "identity" when value.Length > 254:
                return new FieldError(ValidationCodes.TooLong, "The length must be no more than 254.");
            case "token" or "code" or "codeVerifier" when value.Length > MaxTokenLength:
                return new FieldError(ValidationCodes.TooLong, $"The length must be no more than {MaxTokenLength}.");
            case "password" or "passwordConfirm" when TextValues.CodePoints(value) > AuthFields.MaxPassword:
                return new FieldError(
                    ValidationCodes.TooLong, $"The length must be no more than {AuthFields.MaxPassword}.");
            case "provider" when value.Length > 100
                || !value.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'):
                return new FieldError(ValidationCodes.InvalidValue, "Must be the name of an OAuth2 provider.");
            case "redirectUrl" when value.Length > 2048 || TextValues.ControlCharacterAt(value) >= 0:
                return new FieldError(ValidationCodes.InvalidUrl, "Must be the redirect URL given to the provider.");
            case "passwordConfirm" when values.GetValueOrDefault("password") is { } password
                && !string.Equals(password, value, StringComparison.Ordinal):
                return new FieldError(ValidationCodes.ValuesMismatch, "Values don't match.");
            default:
                return null;
        }
    }
}
