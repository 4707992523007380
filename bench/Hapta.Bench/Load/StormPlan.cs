using System.Globalization;
using Hapta.Bench.PocketBase;

namespace Hapta.Bench.Load;

/// <summary>
/// The logins of W5, fixed in advance from a constant seed so that Hapta and PocketBase direct get the same
/// sequence: <see cref="Addresses"/> client addresses take turns, each sending <see cref="AttemptsPerAddress"/>
/// attempts spread over the whole storm. Most attempts guess the password of one of a handful of real seed users;
/// the others name made-up accounts; a few are the real users logging in with their right password.
/// </summary>
internal sealed class StormPlan
{
    public const int Addresses = 200;
    public const int AttemptsPerAddress = 30;
    public const int RealIdentities = 5;
    public const int MadeUpIdentities = 45;

    /// <summary>Share of the attempts that are a real user with the right password.</summary>
    public const double CorrectShare = 0.02;

    /// <summary>Share of the attempts that guess the password of a real user; the rest name made-up ones.</summary>
    public const double GuessShare = 0.58;

    private const int Seed = 20261205;

    private StormPlan(IReadOnlyList<string> identities, StormAttempt[] attempts)
    {
        Identities = identities;
        Attempts = attempts;
    }

    /// <summary>The identities tried: the real users' usernames first, then the made-up e-mail addresses.</summary>
    public IReadOnlyList<string> Identities { get; }

    public StormAttempt[] Attempts { get; }

    /// <summary>The identity (username or e-mail) an attempt names.</summary>
    public string IdentityOf(StormAttempt attempt) => Identities[attempt.Identity];

    /// <summary>Whether an attempt names a real user, whose check costs PocketBase a bcrypt hash.</summary>
    public static bool IsReal(StormAttempt attempt) => attempt.Identity < RealIdentities;

    /// <summary>The client address an attempt comes from, as the driver presents it in X-Forwarded-For.</summary>
    public static string AddressOf(StormAttempt attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"10.66.{attempt.Address / 100}.{(attempt.Address % 100) + 1}");

    /// <summary>The last <see cref="RealIdentities"/> seed users are attacked: no other workload uses them.</summary>
    public static StormPlan Build(IReadOnlyList<SeedUser> users)
    {
        var identities = users.TakeLast(RealIdentities).Select(user => user.Username)
            .Concat(Enumerable.Range(0, MadeUpIdentities)
                .Select(i => string.Create(CultureInfo.InvariantCulture, $"nobody-{i:000}@storm.invalid")))
            .ToList();

        // Not a security use: a fixed seed gives both targets, and successive runs, the same attempts.
#pragma warning disable CA5394
        var random = new Random(Seed);
        var attempts = new StormAttempt[Addresses * AttemptsPerAddress];
        for (var i = 0; i < attempts.Length; i++)
        {
            var draw = random.NextDouble();
            attempts[i] = draw < CorrectShare
                ? new StormAttempt(i % Addresses, random.Next(RealIdentities), CorrectPassword: true)
                : draw < CorrectShare + GuessShare
                    ? new StormAttempt(i % Addresses, random.Next(RealIdentities), CorrectPassword: false)
                    : new StormAttempt(i % Addresses, RealIdentities + random.Next(MadeUpIdentities), false);
        }
#pragma warning restore CA5394

        return new StormPlan(identities, attempts);
    }

    /// <summary>The password an attempt sends: the seed's for a correct login, a numbered guess otherwise.</summary>
    public static string PasswordOf(StormAttempt attempt, int sequence) => attempt.CorrectPassword
        ? SeedData.Password
        : string.Create(CultureInfo.InvariantCulture, $"guess-{sequence:00000}");
}
