namespace Hapta.Validation;

/// <summary>
/// The <c>code</c> of a field error. Where PocketBase 0.22 has a code for the same problem, it is PocketBase's
/// (from its record validators and ozzo-validation); the <c>hapta_</c> ones are Hapta's own and documented in the
/// README.
/// </summary>
internal static class ValidationCodes
{
    public const string Required = "validation_required";
    public const string InvalidNumber = "validation_invalid_number";
    public const string TooSmall = "validation_min_greater_equal_than_required";
    public const string TooBig = "validation_max_less_equal_than_required";
    public const string TooLong = "validation_length_too_long";
    public const string LengthInvalid = "validation_length_invalid";
    public const string LengthOutOfRange = "validation_length_out_of_range";
    public const string MatchInvalid = "validation_match_invalid";
    public const string UnknownField = "validation_unknown_field";
    public const string MinText = "validation_min_text_constraint";
    public const string MaxText = "validation_max_text_constraint";
    public const string InvalidFormat = "validation_invalid_format";
    public const string NoDecimal = "validation_no_decimal_constraint";
    public const string MinNumber = "validation_min_number_constraint";
    public const string MaxNumber = "validation_max_number_constraint";
    public const string InvalidEmail = "validation_invalid_email";
    public const string IsEmail = "validation_is_email";
    public const string EmailDomain = "validation_email_domain_not_allowed";
    public const string InvalidUrl = "validation_invalid_url";
    public const string UrlDomain = "validation_url_domain_not_allowed";
    public const string TooManyValues = "validation_too_many_values";
    public const string NotEnoughValues = "validation_not_enough_values";
    public const string InvalidValue = "validation_invalid_value";
    public const string JsonSize = "validation_json_size_limit";
    public const string MissingRelation = "validation_missing_rel_records";
    public const string ValuesMismatch = "validation_values_mismatch";
    public const string FileSize = "validation_file_size_limit";
    public const string MimeType = "validation_invalid_mime_type";

    public const string InvalidType = "hapta_invalid_type";
    public const string ReadOnly = "hapta_read_only";
    public const string DuplicateKey = "hapta_duplicate_key";
    public const string ControlCharacter = "hapta_control_character";
    public const string BadSyntax = "hapta_invalid_syntax";
    public const string TooDeep = "hapta_expand_too_deep";
}
