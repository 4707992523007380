namespace Hapta.Bench.PocketBase;

/// <summary>
/// The time one target was under load, and which of PocketBase's logged requests belong to it: those whose URL
/// contains <paramref name="Url"/>. PocketBase's request log is counted per window.
/// </summary>
internal sealed record LogWindow(DateTimeOffset Start, DateTimeOffset End, string Url = LogWindow.RecordsUrl)
{
    /// <summary>Record lists and views of the posts collection (W1 to W4, W6).</summary>
    public const string RecordsUrl = "/api/collections/posts/records";

    /// <summary>Downloads of the files of the media collection (W7).</summary>
    public const string FilesUrl = "/api/files/media/";

    /// <summary>Realtime connections and subscriptions (W8): PocketBase logs a connection when it ends.</summary>
    public const string RealtimeUrl = "/api/realtime";

    /// <summary>Password logins of the users collection (W5).</summary>
    public const string PasswordLoginUrl = "/api/collections/users/auth-with-password";
}
