namespace Hapta.Caching.Rules;

/// <summary>
/// What an operand holds once PocketBase has turned it into SQL. Only operands of one category are compared,
/// plus <c>null</c> against anything: across categories SQLite's affinity rules decide (a text column against
/// <c>5</c> compares with the text <c>'5.0'</c>), and the subset leaves those to PocketBase.
/// </summary>
internal enum ValueCategory
{
    /// <summary>A TEXT column (text, email, url, date, single select or relation, id, created, updated), a
    /// quoted literal or <c>@request.auth.*</c>.</summary>
    Text,

    /// <summary>A NUMERIC column or a number literal.</summary>
    Number,

    /// <summary>A BOOLEAN column (0 or 1) or <c>true</c>/<c>false</c>.</summary>
    Bool,

    /// <summary>The <c>null</c> keyword.</summary>
    Null,
}
