using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Files;
using Portal.Modules.Core.Security;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Training.Courses;
using Portal.Modules.Training.Materials;

namespace Portal.Modules.Training.Areas.Training.Pages.Manage.Courses;

/// <summary>Staff: add a course or change one, and upload or remove its materials.</summary>
[Authorize(Policy = PortalPolicies.Staff)]
[RequestSizeLimit(MaterialStore.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaterialStore.MaxBytes + 1024 * 1024)]
public sealed class EditModel(IMediator mediator, IStringLocalizer localizer, IOptions<TrainingOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public CourseInput Input { get; set; } = new();

    public IReadOnlyList<ProductInfo> Products { get; private set; } = [];

    public IReadOnlyList<MaterialRow> Materials { get; private set; } = [];

    public static long MaxMaterialBytes => MaterialStore.MaxBytes;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var form = await mediator.Send(new Query(User, Id), ct);
        if (form.Outcome != Outcome.Done) return Result(form.Outcome);
        Products = form.Products;
        Materials = form.Materials;
        Input = form.Course?.ToInput() ?? new CourseInput { Certifies = true, CertificateMonths = options.Value.CertificateMonths, Audience = "operator", Level = "basic", Mode = "central" };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var saved = await mediator.Send(new Save(User, Id, Input), ct);
        if (saved.Outcome is Outcome.Forbidden or Outcome.NotFound) return Result(saved.Outcome);
        if (saved.Problems.Count > 0 || saved.Outcome == Outcome.CodeTaken)
        {
            foreach (var p in saved.Problems) ModelState.AddModelError("Input." + p.Field, localizer[p.Message]);
            if (saved.Outcome == Outcome.CodeTaken) ModelState.AddModelError("Input.Code", localizer["Another course already has this code."]);
            return await Reshow(ct);
        }
        TempData["Message"] = localizer["The course {0} has been saved.", Input.Code!.Trim()].Value;
        return RedirectToPage("Edit", new { id = saved.Id });
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (Id is null) return NotFound();
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", localizer["Choose a file to upload."]);
            return await Reshow(ct, loadInput: true);
        }
        await using var stream = file.OpenReadStream();
        var outcome = await mediator.Send(new Upload(User, Id.Value, file.FileName, stream), ct);
        if (outcome == Outcome.TooLarge)
        {
            ModelState.AddModelError("file", localizer["The file is larger than {0} MB.", MaxMaterialBytes / 1024 / 1024]);
            return await Reshow(ct, loadInput: true);
        }
        if (outcome != Outcome.Done) return Result(outcome);
        TempData["Message"] = localizer["{0} has been uploaded.", MaterialStore.CleanName(file.FileName)].Value;
        return RedirectToPage("Edit", new { id = Id });
    }

    public async Task<IActionResult> OnPostDeleteMaterialAsync(long material, CancellationToken ct)
    {
        if (Id is null) return NotFound();
        var outcome = await mediator.Send(new DeleteMaterial(User, Id.Value, material), ct);
        if (outcome != Outcome.Done) return Result(outcome);
        TempData["Message"] = localizer["The file has been removed."].Value;
        return RedirectToPage("Edit", new { id = Id });
    }

    private async Task<IActionResult> Reshow(CancellationToken ct, bool loadInput = false)
    {
        var form = await mediator.Send(new Query(User, Id), ct);
        if (form.Outcome != Outcome.Done) return Result(form.Outcome);
        Products = form.Products;
        Materials = form.Materials;
        if (loadInput && form.Course is { } course) Input = course.ToInput();
        return Page();
    }

    private IActionResult Result(Outcome outcome) => outcome == Outcome.Forbidden ? Forbid() : NotFound();

    public enum Outcome { Done, Forbidden, NotFound, CodeTaken, TooLarge, Invalid }

    public sealed record Form(Outcome Outcome, CourseRow? Course, IReadOnlyList<ProductInfo> Products, IReadOnlyList<MaterialRow> Materials);

    public sealed record Saved(Outcome Outcome, long Id, IReadOnlyList<CourseRules.Problem> Problems);

    public sealed record Query(ClaimsPrincipal User, long? Id) : IRequest<Form>;

    public sealed record Save(ClaimsPrincipal User, long? Id, CourseInput Input) : IRequest<Saved>;

    public sealed record Upload(ClaimsPrincipal User, long Course, string FileName, Stream Content) : IRequest<Outcome>;

    public sealed record DeleteMaterial(ClaimsPrincipal User, long Course, long Material) : IRequest<Outcome>;

    internal sealed class Handler(IMediator mediator, CourseStore courses, MaterialStore materials, IOptions<TrainingOptions> options)
        : IRequestHandler<Query, Form>, IRequestHandler<Save, Saved>, IRequestHandler<Upload, Outcome>, IRequestHandler<DeleteMaterial, Outcome>
    {
        public async Task<Form> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsStaff()) return new Form(Outcome.Forbidden, null, [], []);
            CourseRow? course = null;
            if (query.Id is { } id && (course = await courses.FindAsync(id, ct)) is null) return new Form(Outcome.NotFound, null, [], []);
            var products = await mediator.Send(new ListProducts(IncludeInactive: true), ct);
            var files = course is null ? [] : await materials.OfCourseAsync(course.Id, ct);
            return new Form(Outcome.Done, course, products, files);
        }

        public async Task<Saved> Handle(Save command, CancellationToken ct)
        {
            if (!command.User.IsStaff()) return new Saved(Outcome.Forbidden, 0, []);
            var products = (await mediator.Send(new ListProducts(IncludeInactive: true), ct)).Select(p => p.Code).ToList();
            if (!command.Input.Certifies) command.Input.CertificateMonths ??= options.Value.CertificateMonths;
            var problems = CourseRules.Check(command.Input, products);
            if (problems.Count > 0) return new Saved(Outcome.Invalid, 0, problems);
            var (outcome, id) = await courses.SaveAsync(command.Id, command.Input, ct);
            return outcome switch
            {
                CourseStore.SaveOutcome.NotFound => new Saved(Outcome.NotFound, 0, []),
                CourseStore.SaveOutcome.CodeTaken => new Saved(Outcome.CodeTaken, 0, []),
                _ => new Saved(Outcome.Done, id, []),
            };
        }

        public async Task<Outcome> Handle(Upload command, CancellationToken ct)
        {
            if (!command.User.IsStaff()) return Outcome.Forbidden;
            if (await courses.FindAsync(command.Course, ct) is null) return Outcome.NotFound;
            try
            {
                await materials.AddAsync(command.Course, MaterialStore.CleanName(command.FileName), command.Content, MaterialStore.MaxBytes, ct);
                return Outcome.Done;
            }
            catch (FileTooLargeException)
            {
                return Outcome.TooLarge;
            }
        }

        public async Task<Outcome> Handle(DeleteMaterial command, CancellationToken ct)
        {
            if (!command.User.IsStaff()) return Outcome.Forbidden;
            if (await materials.FindAsync(command.Material, ct) is not { } row || row.CourseId != command.Course) return Outcome.NotFound;
            return await materials.DeleteAsync(command.Material, ct) ? Outcome.Done : Outcome.NotFound;
        }
    }
}
