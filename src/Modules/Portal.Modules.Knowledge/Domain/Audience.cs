using System.Security.Claims;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Knowledge.Domain;

/// <summary>Who is reading, and so which visibilities they may see: anonymous visitors see public
/// articles, customer contacts public and customers-only ones, staff everything.</summary>
public sealed class Audience
{
    public static readonly Audience Anonymous = new([ArticleVocabulary.Public], isStaff: false);
    public static readonly Audience Customers = new([ArticleVocabulary.Public, ArticleVocabulary.Customers], isStaff: false);
    public static readonly Audience Staff = new(ArticleVocabulary.Visibilities, isStaff: true);

    private Audience(IReadOnlyList<string> visibilities, bool isStaff)
    {
        Visibilities = visibilities;
        IsStaff = isStaff;
        // Built only from the constants above, never from input.
        SqlList = string.Join(", ", visibilities.Select(v => $"'{v}'"));
    }

    public IReadOnlyList<string> Visibilities { get; }

    public bool IsStaff { get; }

    /// <summary>For "a.visibility IN (...)".</summary>
    public string SqlList { get; }

    public bool MaySee(string visibility) => Visibilities.Contains(visibility);

    public static Audience Of(ClaimsPrincipal user)
    {
        if (user.IsStaff()) return Staff;
        return user.Identity?.IsAuthenticated == true && user.OrganisationId() is not null ? Customers : Anonymous;
    }
}
