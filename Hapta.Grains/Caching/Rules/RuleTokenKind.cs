namespace Hapta.Caching.Rules;

internal enum RuleTokenKind
{
    Open,
    Close,
    And,
    Or,
    Sign,
    Identifier,
    Text,
    Number,
}
