namespace Hapta.Caching.Rules;

/// <summary>
/// Splits a rule into tokens the way PocketBase's scanner (<c>ganigeorgiev/fexpr</c> 0.4) does, for the inputs the
/// subset keeps, and refuses the rest: whatever it accepts, fexpr reads into the same tokens.
/// </summary>
/// <remarks>
/// Refused on purpose, although fexpr takes them: <c>//</c> comments; numbers other than <c>-?digits[.digits]</c>
/// (fexpr lets <c>ParseFloat</c> decide); and quoted texts holding a backslash or either quote. fexpr reads a
/// parenthesised group as raw text, puts every text back between double quotes and parses the group again, so
/// <c>("a\"b")</c> or <c>('say "hi"')</c> mean something else inside parentheses than outside.
/// </remarks>
internal static class RuleTokenizer
{
    public static List<RuleToken>? Tokenize(string rule)
    {
        var tokens = new List<RuleToken>();
        var i = 0;
        while (i < rule.Length)
        {
            var c = rule[i];
            var start = i;
            switch (c)
            {
                // fexpr's whitespace is exactly these three; a carriage return is an unexpected character.
                case ' ' or '\t' or '\n':
                    i++;
                    continue;
                case '(':
                    tokens.Add(new RuleToken(RuleTokenKind.Open, "("));
                    i++;
                    continue;
                case ')':
                    tokens.Add(new RuleToken(RuleTokenKind.Close, ")"));
                    i++;
                    continue;
                case '\'' or '"':
                    var end = rule.IndexOf(c, i + 1);
                    if (end < 0 || !IsPlainText(rule.AsSpan(i + 1, end - i - 1)))
                    {
                        return null;
                    }

                    tokens.Add(new RuleToken(RuleTokenKind.Text, rule[(i + 1)..end]));
                    i = end + 1;
                    continue;
            }

            if (IsIdentifierStart(c))
            {
                while (i < rule.Length && IsIdentifierPart(rule[i]))
                {
                    i++;
                }

                tokens.Add(new RuleToken(RuleTokenKind.Identifier, rule[start..i]));
            }
            else if (char.IsAsciiDigit(c) || c == '-')
            {
                i++;
                while (i < rule.Length && (char.IsAsciiDigit(rule[i]) || rule[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new RuleToken(RuleTokenKind.Number, rule[start..i]));
            }
            else if (c is '=' or '?' or '!' or '>' or '<' or '~')
            {
                while (i < rule.Length && rule[i] is '=' or '?' or '!' or '>' or '<' or '~')
                {
                    i++;
                }

                tokens.Add(new RuleToken(RuleTokenKind.Sign, rule[start..i]));
            }
            else if (c is '&' or '|')
            {
                while (i < rule.Length && rule[i] is '&' or '|')
                {
                    i++;
                }

                var join = rule[start..i];
                if (join is not ("&&" or "||"))
                {
                    return null;
                }

                tokens.Add(new RuleToken(join == "&&" ? RuleTokenKind.And : RuleTokenKind.Or, join));
            }
            else
            {
                return null;
            }
        }

        return tokens;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or '@' or '#';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c) || c is '.' or ':';

    /// <summary>No quote, backslash or NUL, and well-formed UTF-16 (PocketBase stores only valid UTF-8).</summary>
    private static bool IsPlainText(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // A NUL is fexpr's end-of-input marker: it would end the text, and the rule, early.
            if (c is '\'' or '"' or '\\' or '\0' || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }
}
