namespace Hapta.Errors;

/// <summary>One entry of an error's <c>data</c>: PocketBase's <c>{code, message}</c> for a field.</summary>
public sealed record FieldError(string Code, string Message);
