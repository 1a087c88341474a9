using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Portal.Modules.Accounts.Identity;

/// <summary>A password hash that belongs to no account, made once with the portal's own hasher and
/// parameters. Checking a password against it costs what checking a real one costs, so a sign-in
/// for an unknown address takes as long as a wrong password for a real one and timing tells
/// nobody which addresses have accounts.</summary>
internal sealed class DummyPassword
{
    private static readonly PortalUser Nobody = new() { UserName = "", SecurityStamp = "" };
    private readonly object gate = new();
    private string? hash;

    /// <summary>Does the hash work of a password check and throws the answer away.</summary>
    public void Verify(IPasswordHasher<PortalUser> hasher, string password)
    {
        hasher.VerifyHashedPassword(Nobody, Hash(hasher), password);
    }

    private string Hash(IPasswordHasher<PortalUser> hasher)
    {
        lock (gate)
        {
            return hash ??= hasher.HashPassword(Nobody, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        }
    }
}
