using System.Globalization;
using System.Security.Cryptography;

namespace Portal.Modules.Training.Certificates;

/// <summary>Certificate numbers like "TC-2026-7KQ4-M9XP": the year of issue and 40 random bits in a
/// readable alphabet (no 0/O, 1/I/L). The number is public on the verification page, so it must not
/// be guessable from another one.</summary>
public static class CertificateNumber
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; // 31 symbols, ~4.95 bits each

    public static string New(DateOnly issuedOn)
    {
        Span<char> random = stackalloc char[8];
        for (var i = 0; i < random.Length; i++) random[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return string.Create(CultureInfo.InvariantCulture, $"TC-{issuedOn.Year:D4}-{random[..4]}-{random[4..]}");
    }

    /// <summary>Cheap shape check before a database look-up of a number typed into a URL.</summary>
    public static bool LooksValid(string? number) =>
        number is { Length: 17 } n && n.StartsWith("TC-", StringComparison.Ordinal) && n[7] == '-' && n[12] == '-';
}
