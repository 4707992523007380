using System.Text.Json;
using System.Text.RegularExpressions;
using Hapta.Errors;

namespace Hapta.Validation;

/// <summary>
/// The fields every auth collection has beside its schema. Clients set <c>username</c>, <c>email</c>,
/// <c>emailVisibility</c> and their password; <c>verified</c> and the bookkeeping fields are PocketBase's (or an
/// admin's) alone.
/// </summary>
internal static partial class AuthFields
{
    public const int MaxPassword = 72;

    private static readonly string[] Internal =
        ["verified", "tokenKey", "passwordHash", "lastResetSentAt", "lastVerificationSentAt", "lastLoginAlertSentAt"];

    public static bool IsInternal(string name) => Array.IndexOf(Internal, name) >= 0;

    public static bool IsSettable(string name, BodyOperation operation) =>
        name is "username" or "email" or "emailVisibility" or "password" or "passwordConfirm"
        || name == "oldPassword" && operation == BodyOperation.Update;

    /// <summary>The problem with the value of a settable auth field. Passwords are never quoted back.</summary>
    public static FieldError? Check(string name, JsonElement value) => name switch
    {
        "emailVisibility" => value.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null
            ? null
            : new FieldError(ValidationCodes.InvalidType, "Must be true or false."),
        _ when value.ValueKind is JsonValueKind.Null => null,
        _ when value.ValueKind is not JsonValueKind.String =>
            new FieldError(ValidationCodes.InvalidType, "Must be a text value."),
        "username" => Username(value.GetString()!),
        "email" => value.GetString() is { Length: > 0 } email
            && (email.Length > 255 || !TextValues.LooksLikeEmail(email))
            ? new FieldError(ValidationCodes.IsEmail, "Must be a valid email address.")
            : null,
        _ => TextValues.CodePoints(value.GetString()!) > MaxPassword
            ? new FieldError(ValidationCodes.TooLong, $"The length must be no more than {MaxPassword}.")
            : null,
    };

    private static FieldError? Username(string username)
    {
        if (username.Length == 0)
        {
            return null; // PocketBase makes one up
        }

        if (username.Length is < 3 or > 150)
        {
            return new FieldError(ValidationCodes.LengthOutOfRange, "The length must be between 3 and 150.");
        }

        return UsernameForm().IsMatch(username)
            ? null
            : new FieldError(ValidationCodes.MatchInvalid, "Must be in a valid format.");
    }

    [GeneratedRegex(@"^[\w][\w\.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernameForm();
}
