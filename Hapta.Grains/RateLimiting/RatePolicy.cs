namespace Hapta.RateLimiting;

/// <summary>
/// A named limit as clients see it in the <c>RateLimit-Policy</c> header (<c>"ip";q=1200;w=60</c>), with its
/// bucket rule. Each partition of a policy (an IP, a user) has a bucket of its own.
/// </summary>
public sealed class RatePolicy
{
    public RatePolicy(string name, RateRule rule)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(rule);
        Name = name;
        Rule = rule;
        var window = (long)Math.Ceiling(rule.Window.TotalSeconds);
        PolicyHeaderItem = $"\"{name}\";q={rule.Max};w={window}";
    }

    public string Name { get; }

    public RateRule Rule { get; }

    /// <summary>This policy's member of the <c>RateLimit-Policy</c> header.</summary>
    public string PolicyHeaderItem { get; }

    public string GrainKey(string partition) => Name + "/" + partition;

    public override string ToString() => Name;
}
