using System.Net;

namespace Hapta.RateLimiting.Tests;

/// <summary>
/// Who a request counts against: an IPv4 address as is, an IPv6 subscriber by its /64, a user by id, and a login
/// identity by a hash that folds case and spaces and shows nothing of the identity.
/// </summary>
public sealed class ClientPartitionTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8::1", "2001:db8::/64")]
    [InlineData("::1", "::/64")]
    [InlineData("fe80::1%3", "fe80::/64")]
    public void Of_Address_IsItsPartition(string address, string expected)
    {
        var partition = ClientPartition.Of(IPAddress.Parse(address));

        Assert.Equal(expected, partition);
    }

    [Fact]
    public void Of_IPv4AndItsMappedForm_ShareAPartition()
    {
        var plain = ClientPartition.Of(IPAddress.Parse("198.51.100.23"));
        var mapped = ClientPartition.Of(IPAddress.Parse("198.51.100.23").MapToIPv6());

        Assert.Equal(plain, mapped);
    }

    [Theory]
    [InlineData("2001:db8:aa:bb::2")]
    [InlineData("2001:db8:aa:bb:1::1")]
    [InlineData("2001:db8:aa:bb:ffff:ffff:ffff:ffff")]
    public void Of_TwoAddressesInOneSlash64_ShareAPartition(string other)
    {
        var first = ClientPartition.Of(IPAddress.Parse("2001:db8:aa:bb::1"));

        var second = ClientPartition.Of(IPAddress.Parse(other));

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("2001:db8:aa:bc::1")]
    [InlineData("2001:db8:ab:bb::1")]
    [InlineData("2001:db9:aa:bb::1")]
    public void Of_AddressesInDifferentSlash64s_DoNotShare(string other)
    {
        var first = ClientPartition.Of(IPAddress.Parse("2001:db8:aa:bb::1"));

        var second = ClientPartition.Of(IPAddress.Parse(other));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Of_NoAddress_IsUnknown()
    {
        Assert.Equal("unknown", ClientPartition.Of(null));
    }

    [Fact]
    public void OfUser_CollectionAndId_NamesBoth()
    {
        Assert.Equal("u:_pb_users_auth_/a1b2c3", ClientPartition.OfUser("_pb_users_auth_", "a1b2c3"));
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("Alice@Example.COM")]
    [InlineData("  alice@example.com\t")]
    public void OfIdentity_AnyCaseOrSpacing_IsTheHashOfTheLowerCaseTrimmedIdentity(string identity)
    {
        var partition = ClientPartition.OfIdentity("users", identity);

        // The first 16 bytes of SHA-256("alice@example.com"), in lower-case hex.
        Assert.Equal("users:ff8d9819fc0e12bf0d24892e45987e24", partition);
    }

    [Fact]
    public void OfIdentity_AnotherIdentityOrCollection_DiffersAndShowsNoPartOfTheIdentity()
    {
        var bob = ClientPartition.OfIdentity("users", "bob@example.com");
        var aliceAsAdmin = ClientPartition.OfIdentity("admins", "alice@example.com");

        Assert.Equal("users:5ff860bf1190596c7188ab851db691f0", bob);
        Assert.Equal("admins:ff8d9819fc0e12bf0d24892e45987e24", aliceAsAdmin);
        Assert.DoesNotContain("bob", bob, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("example", bob, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@", bob, StringComparison.Ordinal);
    }
}
