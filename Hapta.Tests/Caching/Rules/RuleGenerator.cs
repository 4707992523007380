using System.Globalization;
using System.Text.Json;

namespace Hapta.Caching.Rules.Tests;

/// <summary>
/// Random rules of the subset over a <see cref="RuleLab"/>'s collection: comparisons of each category, with
/// literals drawn mostly from the values the records hold (so equalities hit) and their neighbours, under
/// random nesting, joins, quotes, keyword casing and whitespace.
/// </summary>
internal sealed class RuleGenerator(Random random, RuleLab lab)
{
    private static readonly string[] TextFields =
        ["t1", "t2", "mail", "link", "day", "day2", "choice", "owner", "peer", "id", "created", "updated"];

    private static readonly string[] NumberFields = ["n1", "n2"];

    private static readonly string[] BoolFields = ["flag", "flag2"];

    private const string AuthName = "@request.auth.collectionName";

    private static readonly string[] Spaces = [" ", " ", " ", "", "  ", "\t", "\n"];

    public string Next() => Expression(0);

    private string Expression(int depth)
    {
        if (depth >= 3 || random.NextDouble() < 0.4)
        {
            var comparison = Comparison();
            return random.Next(8) == 0 ? "(" + comparison + ")" : comparison;
        }

        var parts = Enumerable.Range(0, random.Next(2, 4)).Select(_ => Expression(depth + 1)).ToArray();
        var rule = parts[0];
        foreach (var part in parts.Skip(1))
        {
            var join = random.Next(2) == 0 ? "&&" : "||";
            var operand = part.Contains('&', StringComparison.Ordinal) || part.Contains('|', StringComparison.Ordinal)
                ? random.Next(4) == 0 ? part : "(" + part + ")"
                : part;
            rule += Space() + join + Space() + operand;
        }

        return rule;
    }

    private string Comparison()
    {
        var (left, right) = random.Next(20) switch
        {
            < 9 => (TextOperand(preferField: true), TextOperand(preferField: false)),
            < 13 => (Pick(NumberFields), random.Next(4) == 0 ? Pick(NumberFields) : NumberLiteral()),
            < 16 => (Pick(BoolFields), random.Next(4) == 0 ? Pick(BoolFields) : BoolLiteral()),
            < 19 => (AnyOperand(), Keyword("null")),
            _ => LiteralPair(),
        };
        if (random.Next(2) == 0)
        {
            (left, right) = (right, left);
        }

        var op = Pick(["=", "=", "=", "!=", "!=", "<", "<=", ">", ">="]);
        return left + Space() + op + Space() + right;
    }

    private string TextOperand(bool preferField) => random.Next(10) switch
    {
        < 4 when preferField => Pick(TextFields),
        < 2 => Pick(TextFields),
        < 7 => TextLiteral(),
        _ => Pick(["@request.auth.id", "@request.auth.id", "@request.auth.collectionId", AuthName]),
    };

    private string AnyOperand() => random.Next(5) switch
    {
        0 => Pick(NumberFields),
        1 => Pick(BoolFields),
        2 => Keyword("null"),
        3 => Pick(["@request.auth.id", AuthName]),
        _ => TextOperand(preferField: true),
    };

    private (string Left, string Right) LiteralPair() => random.Next(3) switch
    {
        0 => (TextLiteral(), TextLiteral()),
        1 => (NumberLiteral(), NumberLiteral()),
        _ => (BoolLiteral(), BoolLiteral()),
    };

    /// <summary>A value some record holds in a text-like field, or an id, a collection name, or a neighbour.</summary>
    private string TextLiteral()
    {
        var value = random.Next(6) switch
        {
            0 => Pick([.. RuleLab.Texts, .. RuleLab.Dates, "2024-01-01", "2024", "https://a"]),
            1 => Pick([.. lab.Requesters.Select(r => r.Requester.Id ?? ""), "users", "_pb_users_auth_", lab.MembersName,
                lab.MembersId]),
            _ => RecordValue(Pick(TextFields)),
        };
        value = random.Next(6) switch
        {
            0 => value + "a",
            // Drop the last character, a whole surrogate pair if it is one.
            1 when value.Length > 0 => value[..^(char.IsLowSurrogate(value[^1]) ? 2 : 1)],
            _ => value,
        };
        var quote = random.Next(2) == 0 ? "'" : "\"";
        return quote + value + quote;
    }

    private string NumberLiteral()
    {
        var value = random.Next(3) == 0
            ? Pick([0.5, 3, -2, 2.4, 2.6, 1_000_000.5])
            : lab.Records[random.Next(lab.Records.Length)].GetProperty(Pick(NumberFields)).GetDouble();
        var text = value.ToString("0.###############", CultureInfo.InvariantCulture);
        return random.Next(6) == 0 && !text.Contains('.', StringComparison.Ordinal) ? text + ".0" : text;
    }

    private string RecordValue(string field) =>
        lab.Records[random.Next(lab.Records.Length)].GetProperty(field) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : "";

    private string BoolLiteral() => Keyword(random.Next(2) == 0 ? "true" : "false");

    private string Keyword(string word) => random.Next(5) switch
    {
        0 => word.ToUpperInvariant(),
        1 => char.ToUpperInvariant(word[0]) + word[1..],
        _ => word,
    };

    private string Space() => Pick(Spaces);

    private T Pick<T>(T[] values) => values[random.Next(values.Length)];
}
