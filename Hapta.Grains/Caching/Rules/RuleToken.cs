namespace Hapta.Caching.Rules;

/// <summary>One lexeme of a rule; <see cref="Value"/> is a text literal unquoted, anything else as written.</summary>
internal readonly record struct RuleToken(RuleTokenKind Kind, string Value);
