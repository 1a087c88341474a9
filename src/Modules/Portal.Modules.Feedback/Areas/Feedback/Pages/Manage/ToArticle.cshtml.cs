using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Articles;
using Portal.Modules.Feedback.Requests;
using Portal.Modules.Knowledge.Contracts;
using Portal.Modules.ServiceContracts.Contracts;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage;

/// <summary>Staff turn a closed problem into a draft known-issue article: the form comes prefilled
/// with the title, product, version, symptom and the public solution; saving creates the draft in the
/// knowledge base (linked both ways) and opens it in the article editor to be finished and published.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
public sealed class ToArticleModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    public Draft? Item { get; private set; }

    [BindProperty]
    public ArticleForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, string? lang, CancellationToken ct)
    {
        Item = await mediator.Send(new Query(User, id, lang), ct);
        if (Item is null) return NotFound();
        Input = Item.Prefilled;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        Item = await mediator.Send(new Query(User, id, Input.Lang), ct);
        if (Item is null) return NotFound();
        if (Item.Existing is not null || !Item.Request.IsClosed) return Page();
        if (!ModelState.IsValid) return Page();
        var article = await mediator.Send(new Create(User, id, Input), ct);
        if (article is null) return NotFound();
        TempData["Message"] = localizer["The draft article has been created. Finish it here and publish it when it is ready."].Value;
        return LocalRedirect(article.EditUrl);
    }

    public sealed class ArticleForm
    {
        [Display(Name = "Article language")]
        public string Lang { get; set; } = "zh";

        [Required(ErrorMessage = "Please enter a title.")]
        [StringLength(200, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Title")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Please enter the text.")]
        [StringLength(200_000, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Text (Markdown)")]
        public string Body { get; set; } = "";

        [StringLength(100, ErrorMessage = "{0} can be at most {1} characters long.")]
        [Display(Name = "Versions")]
        public string? Versions { get; set; }
    }

    /// <param name="Existing">The article drafted from this request before, if any.</param>
    public sealed record Draft(RequestRow Request, string ProductName, ArticleLink? Existing, ArticleForm Prefilled);

    /// <param name="Lang">The article's language for the prefilled text; by default the interface's.</param>
    public sealed record Query(ClaimsPrincipal User, long Id, string? Lang) : IRequest<Draft?>;

    public sealed record Create(ClaimsPrincipal User, long Id, ArticleForm Input) : IRequest<DraftedArticle?>;

    internal sealed class Handler(IMediator mediator, RequestQueries queries, ArticleLinks links)
        : IRequestHandler<Query, Draft?>, IRequestHandler<Create, DraftedArticle?>
    {
        public async Task<Draft?> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff() || await queries.RequestAsync(query.Id, ct) is not { Type: RequestVocabulary.Problem } request) return null;
            var lang = query.Lang is "zh" or "en" ? query.Lang : CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal) ? "en" : "zh";
            var product = await mediator.Send(new GetProduct(request.ProductCode), ct);
            var productName = product?.Name(CultureInfo.GetCultureInfo(lang == "en" ? "en" : "zh-CN")) ?? request.ProductCode;
            var solution = KnownIssueDraft.Solution(await queries.TimelineAsync(request.Id, includeInternal: false, ct));
            var form = new ArticleForm
            {
                Lang = lang,
                Title = request.Title,
                Body = KnownIssueDraft.Body(lang, request, productName, solution),
                Versions = request.ProductVersion,
            };
            return new Draft(request, productName, await links.FindAsync(request.Id, ct), form);
        }

        public async Task<DraftedArticle?> Handle(Create command, CancellationToken ct)
        {
            if (await Handle(new Query(command.User, command.Id, command.Input.Lang), ct) is not { Request.IsClosed: true } draft) return null;
            var request = draft.Request;
            var article = await mediator.Send(new DraftArticleFromCase(command.User, draft.Prefilled.Lang, command.Input.Title, command.Input.Body,
                request.ProductCode, command.Input.Versions, request.Reference, $"/Feedback/Manage/Request/{request.Id}"), ct);
            await links.RecordAsync(request.Id, article.Id, article.Title, article.EditUrl, Actor.Of(command.User), ct);
            return article;
        }
    }
}
