using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Articles;

/// <summary>One article as a reader sees it; 404 when it is not published or not visible to the
/// reader. Readers vote once per article (per user, or per anonymous browser session).</summary>
[AllowAnonymous]
public sealed class IndexModel(ArticleQueries queries, VoteStore votes, IStringLocalizer localizer) : PageModel
{
    /// <summary>A random id for an anonymous voter; carries nothing else.</summary>
    public const string VoterCookie = "portal.kbvoter";

    public ArticleRow Article { get; private set; } = new();
    public string Html { get; private set; } = "";
    public IReadOnlyList<ArticleSummary> Translations { get; private set; } = [];
    public IReadOnlyList<ArticleSummary> Related { get; private set; } = [];
    public bool HasVoted { get; private set; }

    [BindProperty]
    public VoteInput Vote { get; set; } = new();

    public sealed class VoteInput
    {
        public bool Helpful { get; set; }

        [StringLength(VoteStore.MaxComment, ErrorMessage = "The comment can be at most {1} characters long.")]
        [Display(Name = "Comment (optional)")]
        public string? Comment { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string lang, string slug, CancellationToken ct)
    {
        if (!await LoadAsync(lang, slug, ct)) return await ForCustomersOnlyAsync(lang, slug, ct) ? Challenge() : NotFound();
        await queries.CountViewAsync(Article.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostVoteAsync(string lang, string slug, CancellationToken ct)
    {
        if (!await LoadAsync(lang, slug, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var recorded = await votes.CastAsync(Article.Id, Voter(create: true)!, Vote.Helpful, Vote.Comment, ct);
        TempData["Message"] = recorded
            ? localizer["Thank you for your feedback."].Value
            : localizer["You have already rated this article."].Value;
        return Redirect(Article.Url + "#feedback");
    }

    /// <summary>A visitor who follows a link to a customers-only article is asked to sign in
    /// (revealing only that the address exists, never its content); anything else is not found.</summary>
    private async Task<bool> ForCustomersOnlyAsync(string lang, string slug, CancellationToken ct) =>
        User.Identity?.IsAuthenticated != true
        && ArticleVocabulary.Languages.Contains(lang) && ArticleVocabulary.IsSlug(slug)
        && await queries.ReadAsync(lang, slug, Audience.Customers, ct) is not null;

    private async Task<bool> LoadAsync(string lang, string slug, CancellationToken ct)
    {
        if (!ArticleVocabulary.Languages.Contains(lang) || !ArticleVocabulary.IsSlug(slug)) return false;
        var audience = Audience.Of(User);
        if (await queries.ReadAsync(lang, slug, audience, ct) is not { } article) return false;
        Article = article;
        Html = Core.Text.SafeMarkdown.ToHtml(article.Body);
        Translations = await queries.TranslationsAsync(lang, slug, audience, ct);
        Related = await queries.RelatedAsync(article, audience, ct);
        HasVoted = Voter(create: false) is { } voter && await votes.HasVotedAsync(article.Id, voter, ct);
        return true;
    }

    private string? Voter(bool create)
    {
        if (User.UserId() is { } id) return "u:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Request.Cookies.TryGetValue(VoterCookie, out var existing) && existing.Length == 32 && existing.All(char.IsAsciiHexDigitLower))
            return "s:" + existing;
        if (!create) return null;
        var session = Guid.NewGuid().ToString("N");
        Response.Cookies.Append(VoterCookie, session, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
        return "s:" + session;
    }
}
