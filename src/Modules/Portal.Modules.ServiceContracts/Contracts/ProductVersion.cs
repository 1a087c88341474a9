using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Portal.Modules.ServiceContracts.Contracts;

/// <summary>A product version, major.minor.patch, compared numerically (8.10.0 &gt; 8.9.0).
/// Major changes are major upgrades; minor ("medium") and patch changes are not.</summary>
public readonly record struct ProductVersion(int Major, int Minor, int Patch) : IComparable<ProductVersion>
{
    public static bool TryParse([NotNullWhen(true)] string? text, out ProductVersion version)
    {
        version = default;
        var parts = (text ?? "").Trim().Split('.');
        if (parts.Length != 3) return false;
        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 6 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0')) return false;
            numbers[i] = int.Parse(part, CultureInfo.InvariantCulture);
        }
        version = new ProductVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> with a message fit for the user.</summary>
    public static ProductVersion Parse(string? text) =>
        TryParse(text, out var version)
            ? version
            : throw new FormatException($"\"{text}\" is not a version: use major.minor.patch with numbers only, e.g. 8.5.2.");

    /// <summary>Whether going from <paramref name="installed"/> to this version crosses a major version.</summary>
    public bool IsMajorUpgradeFrom(ProductVersion installed) => Major > installed.Major;

    public int CompareTo(ProductVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);

    public static bool operator <(ProductVersion a, ProductVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(ProductVersion a, ProductVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(ProductVersion a, ProductVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ProductVersion a, ProductVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
