namespace Hapta.Diagnostics;

/// <summary>
/// The one registry of Hapta's log event ids. Each feature owns a block of a hundred; an id is never
/// reused or renumbered, because alerts and dashboards match on it.
/// </summary>
public static class EventIds
{
    // 1000-1099: hosting and start-up
    public const int HostStarting = 1000;
    public const int HostReady = 1001;
    public const int StartupRefused = 1002;
    public const int ClusteringSelected = 1003;

    // 1100-1199: PocketBase client
    public const int AdminLoggedIn = 1100;
    public const int AdminTokenRefreshed = 1101;
    public const int AdminLoginFailed = 1102;
    public const int UpstreamUnavailable = 1103;
    public const int UpstreamTimedOut = 1104;
    public const int AdminTokenRejected = 1105;

    // 1200-1299: collections catalog
    public const int CatalogRefreshed = 1200;
    public const int CatalogRefreshFailed = 1201;
    public const int CatalogUnavailable = 1202;

    // 1300-1399: records
    public const int RecordRequestForwarded = 1300;

    // 1400-1499: HTTP surface
    public const int ClosedDoorRefused = 1400;
    public const int RequestRejected = 1401;
    public const int GrainCallFailed = 1402;
    public const int UnhandledException = 1403;
    public const int RequestCancelled = 1404;

    // 1500-1599: admin API
    public const int AdminKeyRejected = 1500;

    // 1600-1699: sessions
    public const int SessionStarted = 1600;
    public const int SessionRotated = 1601;
    public const int TokenReuseDetected = 1602;
    public const int SessionEnded = 1603;
    public const int StaleGenerationRefused = 1604;
    public const int SessionClientMismatch = 1605;
    public const int UserSessionsRevoked = 1606;
    public const int TokenRejected = 1607;

    // 1700-1799: caching and the change feed
    public const int FeedLeaseTaken = 1700;
    public const int FeedConnected = 1701;
    public const int FeedDisconnected = 1702;
    public const int PropagationTimedOut = 1703;
    public const int VersionsPollFailed = 1704;
    public const int CacheStoreSkipped = 1705;
    public const int FeedEventUnreadable = 1706;
    public const int CachePurged = 1707;

    // 1800-1899: rate limiting
    public const int RequestThrottled = 1800;
    public const int BucketUnreachable = 1801;
    public const int BucketSlow = 1802;
    public const int BucketReset = 1803;

    // 1900-1999: request validation
    public const int TighteningIgnored = 1900;
    public const int TighteningUnknownField = 1901;
    public const int RequestRefused = 1902;

    // 2000-2099: files
    public const int DownloadFailed = 2000;
    public const int UploadForwarded = 2001;

    // 2100-2199: realtime
    public const int RealtimeClientTooSlow = 2100;
    public const int RealtimePollFailed = 2101;
}
