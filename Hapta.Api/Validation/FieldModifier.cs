namespace Hapta.Validation;

/// <summary>
/// PocketBase's modifiers on a body key: <c>field+</c> appends (or adds to a number), <c>+field</c> prepends,
/// <c>field-</c> removes (or subtracts).
/// </summary>
internal enum FieldModifier
{
    None,
    Append,
    Prepend,
    Remove,
}
