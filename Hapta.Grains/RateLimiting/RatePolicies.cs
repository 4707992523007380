using Microsoft.Extensions.Options;

namespace Hapta.RateLimiting;

/// <summary>The policies configured in <c>Hapta:RateLimit</c>; a disabled policy is <see langword="null"/>.</summary>
public sealed class RatePolicies
{
    /// <summary>The one partition of the cluster-wide policies (global, login).</summary>
    public const string GlobalPartition = "all";

    public RatePolicies(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        Enabled = o.IsEnabled;
        Message = o.Message;
        Ip = Make("ip", o.Ip);
        User = Make("user", o.User);
        Global = Make("global", o.Global);
        Auth = Make("auth", o.Auth);
        AuthIdentity = Make("auth-identity", o.AuthIdentity);
        Login = Make("login", o.Login);
        Read = Make("read", o.Read);
        Write = Make("write", o.Write);
        File = Make("file", o.File);
        Realtime = Make("realtime", o.Realtime);
        All = new[] { Ip, User, Global, Auth, AuthIdentity, Login, Read, Write, File, Realtime }
            .OfType<RatePolicy>()
            .ToDictionary(static p => p.Name, StringComparer.OrdinalIgnoreCase);

        RatePolicy? Make(string name, RatePolicyOptions policy) =>
            o.IsEnabled && policy.Enabled ? new RatePolicy(name, policy.ToRule()) : null;
    }

    public bool Enabled { get; }

    /// <summary>The <c>message</c> of a 429 answer.</summary>
    public string Message { get; }

    public RatePolicy? Ip { get; }

    public RatePolicy? User { get; }

    public RatePolicy? Global { get; }

    public RatePolicy? Auth { get; }

    public RatePolicy? AuthIdentity { get; }

    /// <summary>Password logins across the cluster; one partition, <see cref="GlobalPartition"/>.</summary>
    public RatePolicy? Login { get; }

    public RatePolicy? Read { get; }

    public RatePolicy? Write { get; }

    public RatePolicy? File { get; }

    public RatePolicy? Realtime { get; }

    /// <summary>Every enabled policy by name.</summary>
    public IReadOnlyDictionary<string, RatePolicy> All { get; }

    /// <summary>The per-route policy of <paramref name="route"/>, if it has one and it is enabled.</summary>
    public RatePolicy? For(RouteClass route) => route switch
    {
        RouteClass.Auth => Auth,
        RouteClass.Read => Read,
        RouteClass.Write => Write,
        RouteClass.File => File,
        RouteClass.Realtime => Realtime,
        _ => null,
    };
}
