using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.Core.Text;
using Portal.Modules.Knowledge.Articles;
using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Areas.Knowledge.Pages.Articles;

/// <summary>One article as a reader sees it; 404 when it is not published or not visible to the
/// reader. Readers vote once per article (per user, or per anonymous browser session).</summary>
[AllowAnonymous]
public sealed class IndexModel(IMediator mediator, IStringLocalizer localizer) : PageModel
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
        var reading = await mediator.Send(new Query(User, lang, slug, Voter(create: false)), ct);
        if (reading.View is not { } view) return reading.SignInFirst ? Challenge() : NotFound();
        Show(view);
        await mediator.Send(new CountView(view.Article.Id), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostVoteAsync(string lang, string slug, CancellationToken ct)
    {
        if ((await mediator.Send(new Query(User, lang, slug, Voter(create: false)), ct)).View is not { } view) return NotFound();
        Show(view);
        if (!ModelState.IsValid) return Page();
        var outcome = await mediator.Send(new CastVote(User, lang, slug, Voter(create: true)!, Vote.Helpful, Vote.Comment), ct);
        if (outcome == VoteOutcome.NotFound) return NotFound();
        TempData["Message"] = outcome == VoteOutcome.Recorded
            ? localizer["Thank you for your feedback."].Value
            : localizer["You have already rated this article."].Value;
        return Redirect(Article.Url + "#feedback");
    }

    private void Show(ArticleView view)
    {
        (Article, Html, Translations, Related, HasVoted) = (view.Article, view.Html, view.Translations, view.Related, view.HasVoted);
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

    public sealed record ArticleView(ArticleRow Article, string Html, IReadOnlyList<ArticleSummary> Translations,
        IReadOnlyList<ArticleSummary> Related, bool HasVoted);

    /// <summary>The article, or none; then <see cref="SignInFirst"/> says whether a visitor should be
    /// asked to sign in (it exists for customers) rather than told it is not found.</summary>
    public sealed record Reading(ArticleView? View, bool SignInFirst);

    /// <param name="Voter">The reader's voter id, when they have one (to say whether they voted).</param>
    public sealed record Query(ClaimsPrincipal User, string Lang, string Slug, string? Voter) : IRequest<Reading>;

    public sealed record CountView(long ArticleId) : IRequest<Unit>;

    public enum VoteOutcome
    {
        Recorded,
        AlreadyVoted,
        NotFound,
    }

    public sealed record CastVote(ClaimsPrincipal User, string Lang, string Slug, string Voter, bool Helpful, string? Comment) : IRequest<VoteOutcome>;

    internal sealed class Handler(ArticleQueries queries, RelatedArticles related, VoteStore votes, ViewCounter views)
        : IRequestHandler<Query, Reading>, IRequestHandler<CountView, Unit>, IRequestHandler<CastVote, VoteOutcome>
    {
        public async Task<Reading> Handle(Query query, CancellationToken ct)
        {
            if (!ArticleVocabulary.Languages.Contains(query.Lang) || !ArticleVocabulary.IsSlug(query.Slug)) return new Reading(null, false);
            var audience = Audience.Of(query.User);
            if (await queries.ReadAsync(query.Lang, query.Slug, audience, ct) is not { } article)
                return new Reading(null, await ForCustomersOnlyAsync(query, ct));
            var view = new ArticleView(article, SafeMarkdown.ToHtml(article.Body),
                await queries.TranslationsAsync(query.Lang, query.Slug, audience, ct),
                await related.ForAsync(article, query.User, ct),
                query.Voter is { } voter && await votes.HasVotedAsync(article.Id, voter, ct));
            return new Reading(view, false);
        }

        public Task<Unit> Handle(CountView command, CancellationToken ct)
        {
            views.Count(command.ArticleId);
            return Unit.Task;
        }

        public async Task<VoteOutcome> Handle(CastVote command, CancellationToken ct)
        {
            if (!ArticleVocabulary.Languages.Contains(command.Lang) || !ArticleVocabulary.IsSlug(command.Slug)
                || await queries.ReadAsync(command.Lang, command.Slug, Audience.Of(command.User), ct) is not { } article)
                return VoteOutcome.NotFound;
            return await votes.CastAsync(article.Id, command.Voter, command.Helpful, command.Comment, ct)
                ? VoteOutcome.Recorded
                : VoteOutcome.AlreadyVoted;
        }

        /// <summary>A visitor who follows a link to a customers-only article is asked to sign in
        /// (revealing only that the address exists, never its content); anything else is not found.</summary>
        private async Task<bool> ForCustomersOnlyAsync(Query query, CancellationToken ct) =>
            query.User.Identity?.IsAuthenticated != true
            && await queries.ReadAsync(query.Lang, query.Slug, Audience.Customers, ct) is not null;
    }
}
