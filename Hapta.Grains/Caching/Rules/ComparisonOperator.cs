namespace Hapta.Caching.Rules;

/// <summary>The sign operators of the subset; PocketBase's <c>~</c>, <c>!~</c> and <c>?…</c> are not in it.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
