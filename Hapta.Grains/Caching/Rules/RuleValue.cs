namespace Hapta.Caching.Rules;

/// <summary>
/// One side of a comparison as SQLite sees it: SQL NULL, a text, or a number (booleans are the integers 0 and 1).
/// <see cref="Missing"/> stands for a record whose JSON does not match its schema: every comparison with it is
/// false, which can only deny (see <see cref="RecordRule"/> on why a false comparison never widens access).
/// </summary>
internal readonly struct RuleValue
{
    private readonly Kind _kind;
    private readonly string? _text;
    private readonly double _number;

    private RuleValue(Kind kind, string? text, double number)
    {
        _kind = kind;
        _text = text;
        _number = number;
    }

    private enum Kind
    {
        Missing,
        Null,
        Text,
        Number,
    }

    public static RuleValue Missing => default;

    public static RuleValue Null => new(Kind.Null, null, 0);

    public static RuleValue FromText(string text) => new(Kind.Text, text, 0);

    public static RuleValue FromNumber(double number) => new(Kind.Number, null, number);

    public static RuleValue FromBool(bool value) => new(Kind.Number, null, value ? 1 : 0);

    /// <summary>
    /// PocketBase's <c>=</c>: an empty operand (<c>null</c>, <c>''</c>, a guest's <c>@request.auth.*</c>) is
    /// normalised to <c>''</c>, a text equals a text byte for byte, a number a number, and a text never a number.
    /// </summary>
    public static bool AreEqual(RuleValue left, RuleValue right)
    {
        if (left._kind == Kind.Missing || right._kind == Kind.Missing)
        {
            return false;
        }

        var leftKind = left._kind == Kind.Null ? Kind.Text : left._kind;
        var rightKind = right._kind == Kind.Null ? Kind.Text : right._kind;
        if (leftKind != rightKind)
        {
            return false;
        }

        return leftKind == Kind.Text
            ? string.Equals(left._text ?? "", right._text ?? "", StringComparison.Ordinal)
            : left._number == right._number;
    }

    /// <summary>PocketBase's <c>!=</c>, built with <c>IS NOT</c>: the negation of <see cref="AreEqual"/>.</summary>
    public static bool AreNotEqual(RuleValue left, RuleValue right) =>
        left._kind != Kind.Missing && right._kind != Kind.Missing && !AreEqual(left, right);

    /// <summary>
    /// <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> and <c>&gt;=</c> go to SQLite unchanged, so NULL on either side is never
    /// true; texts compare in UTF-8 byte order (SQLite's BINARY collation), numbers by value. Null when the two
    /// are not comparable, which the caller reads as false.
    /// </summary>
    public static int? Order(RuleValue left, RuleValue right)
    {
        if (left._kind != right._kind || left._kind is Kind.Missing or Kind.Null)
        {
            return null;
        }

        return left._kind == Kind.Text
            ? CompareInCodePointOrder(left._text!, right._text!)
            : left._number.CompareTo(right._number);
    }

    /// <summary>
    /// UTF-8 byte order is code point order, which differs from .NET's ordinal (UTF-16) order where a surrogate
    /// pair meets a character from U+E000 to U+FFFF. Moving both ranges into place at the first difference fixes it.
    /// </summary>
    private static int CompareInCodePointOrder(string left, string right)
    {
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            if (left[i] != right[i])
            {
                return InCodePointOrder(left[i]).CompareTo(InCodePointOrder(right[i]));
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    private static int InCodePointOrder(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };

    public override string ToString() => _kind switch
    {
        Kind.Null => "null",
        Kind.Text => "'" + _text + "'",
        Kind.Number => _number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "missing",
    };
}
