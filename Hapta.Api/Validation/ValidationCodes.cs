namespace Hapta.Validation;

/// <summary>
/// The <c>code</c> of a field error. Where PocketBase (its ozzo-validation rules) has a code for the same
/// problem, it is PocketBase's; the <c>hapta_</c> ones are Hapta's own and documented in the README.
/// </summary>
internal static class ValidationCodes
{
    public const string InvalidNumber = "validation_invalid_number";
    public const string TooSmall = "validation_min_greater_equal_than_required";
    public const string TooBig = "validation_max_less_equal_than_required";
    public const string TooLong = "validation_length_too_long";
    public const string UnknownField = "hapta_unknown_field";
    public const string BadSyntax = "hapta_invalid_syntax";
    public const string TooDeep = "hapta_expand_too_deep";
}
