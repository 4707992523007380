namespace Hapta.Caching;

[GenerateSerializer, Alias("Hapta.Caching.CacheOperation")]
public enum CacheOperation
{
    /// <summary>A page of a collection's records.</summary>
    List = 0,

    /// <summary>One record.</summary>
    View = 1,
}
