namespace Hapta.Caching.Rules;

internal enum OperandKind
{
    /// <summary>A column of the record itself, read from its JSON.</summary>
    Field,

    /// <summary>A quoted text, a number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    Literal,

    AuthId,

    AuthCollectionId,

    AuthCollectionName,
}
