using System.Globalization;

namespace Hapta.Caching.Rules;

/// <summary>
/// Reads tokens into a rule of the subset, or gives up. The grammar is fexpr's, restricted:
/// <c>or := and ('||' and)*</c>, <c>and := primary ('&amp;&amp;' primary)*</c>,
/// <c>primary := '(' or ')' | operand sign operand</c>. PocketBase joins fexpr's flat list of groups into one SQL
/// expression, so SQL's precedence applies there too: <c>&amp;&amp;</c> binds tighter than <c>||</c>.
/// </summary>
internal sealed class RuleParser
{
    /// <summary>Deeper nesting is refused rather than recursed into.</summary>
    public const int MaxDepth = 32;

    private const int MaxNumberLength = 32;

    private readonly List<RuleToken> _tokens;
    private readonly RuleSchema _schema;
    private int _next;

    private RuleParser(List<RuleToken> tokens, RuleSchema schema)
    {
        _tokens = tokens;
        _schema = schema;
    }

    public static RuleNode? Parse(List<RuleToken> tokens, RuleSchema schema)
    {
        var parser = new RuleParser(tokens, schema);
        var root = parser.ParseAnyOf(0);
        return root is not null && parser._next == tokens.Count ? root : null;
    }

    private RuleNode? ParseAnyOf(int depth)
    {
        var first = ParseAllOf(depth);
        List<RuleNode>? parts = null;
        while (first is not null && Accept(RuleTokenKind.Or))
        {
            var next = ParseAllOf(depth);
            if (next is null)
            {
                return null;
            }

            (parts ??= [first]).Add(next);
        }

        return parts is null ? first : new AnyOfNode([.. parts]);
    }

    private RuleNode? ParseAllOf(int depth)
    {
        var first = ParsePrimary(depth);
        List<RuleNode>? parts = null;
        while (first is not null && Accept(RuleTokenKind.And))
        {
            var next = ParsePrimary(depth);
            if (next is null)
            {
                return null;
            }

            (parts ??= [first]).Add(next);
        }

        return parts is null ? first : new AllOfNode([.. parts]);
    }

    private RuleNode? ParsePrimary(int depth)
    {
        if (Accept(RuleTokenKind.Open))
        {
            if (depth >= MaxDepth)
            {
                return null;
            }

            var inner = ParseAnyOf(depth + 1);
            return inner is not null && Accept(RuleTokenKind.Close) ? inner : null;
        }

        var left = ParseOperand();
        var op = left is null ? null : ParseSign();
        var right = op is null ? null : ParseOperand();
        if (right is null || !AreComparable(left!, right))
        {
            return null;
        }

        return new ComparisonNode(left!, op!.Value, right);
    }

    /// <summary>Same category, or <c>null</c> on either side; see <see cref="ValueCategory"/>.</summary>
    private static bool AreComparable(Operand left, Operand right) =>
        left.Category == right.Category || left.Category == ValueCategory.Null || right.Category == ValueCategory.Null;

    private ComparisonOperator? ParseSign()
    {
        if (_next >= _tokens.Count || _tokens[_next].Kind != RuleTokenKind.Sign)
        {
            return null;
        }

        ComparisonOperator? op = _tokens[_next].Value switch
        {
            "=" => ComparisonOperator.Equal,
            "!=" => ComparisonOperator.NotEqual,
            "<" => ComparisonOperator.Less,
            "<=" => ComparisonOperator.LessOrEqual,
            ">" => ComparisonOperator.Greater,
            ">=" => ComparisonOperator.GreaterOrEqual,
            _ => null,
        };
        _next++;
        return op;
    }

    private Operand? ParseOperand()
    {
        if (_next >= _tokens.Count)
        {
            return null;
        }

        var token = _tokens[_next++];
        return token.Kind switch
        {
            RuleTokenKind.Identifier => ResolveIdentifier(token.Value),
            RuleTokenKind.Text => Operand.Text(token.Value, "'" + token.Value + "'"),
            RuleTokenKind.Number => ParseNumber(token.Value),
            _ => null,
        };
    }

    private Operand? ResolveIdentifier(string name)
    {
        switch (name)
        {
            case "@request.auth.id":
                return Operand.Auth(OperandKind.AuthId, name);
            case "@request.auth.collectionId":
                return Operand.Auth(OperandKind.AuthCollectionId, name);
            case "@request.auth.collectionName":
                return Operand.Auth(OperandKind.AuthCollectionName, name);
        }

        if (_schema.TryGetColumn(name, out var category))
        {
            return category is { } known ? Operand.Field(name, known) : null;
        }

        var word = name.ToLowerInvariant();
        if (word is not ("true" or "false" or "null") || _schema.HasColumnIgnoringCase(word))
        {
            return null;
        }

        return word == "null" ? Operand.Null(name) : Operand.Bool(word == "true", name);
    }

    /// <summary>
    /// <c>-?digits[.digits]</c> only, parsed to the nearest double as Go's <c>strconv.ParseFloat</c> does (both
    /// round correctly); fexpr takes more spellings, which are left to PocketBase.
    /// </summary>
    private static Operand? ParseNumber(string literal)
    {
        var digits = literal.StartsWith('-') ? literal.AsSpan(1) : literal.AsSpan();
        var dot = digits.IndexOf('.');
        var whole = dot < 0 ? digits : digits[..dot];
        var fraction = dot < 0 ? "0" : digits[(dot + 1)..];
        if (literal.Length > MaxNumberLength || whole.IsEmpty || fraction.IsEmpty
            || whole.ContainsAnyExceptInRange('0', '9') || fraction.ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        return Operand.Number(double.Parse(literal, Style, CultureInfo.InvariantCulture), literal);
    }

    private bool Accept(RuleTokenKind kind)
    {
        if (_next < _tokens.Count && _tokens[_next].Kind == kind)
        {
            _next++;
            return true;
        }

        return false;
    }
}
