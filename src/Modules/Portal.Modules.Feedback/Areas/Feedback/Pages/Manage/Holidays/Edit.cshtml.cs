using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Security;
using Portal.Modules.Feedback.Calendar;
using Portal.Modules.Feedback.Domain;

namespace Portal.Modules.Feedback.Areas.Feedback.Pages.Manage.Holidays;

/// <summary>Admin: add a day to the holiday calendar, or change one (its date, kind or name).</summary>
[Authorize(Policy = PortalPolicies.Admin)]
public sealed class EditModel(IMediator mediator, IStringLocalizer localizer) : PageModel
{
    /// <summary>The day being edited; none when adding.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? Day { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the date.")]
        public DateOnly? Date { get; set; }

        public string Kind { get; set; } = "holiday";

        [Required(ErrorMessage = "Enter the name of the holiday.")]
        [StringLength(HolidayFile.MaxNameLength, ErrorMessage = "A name may have at most {1} characters.")]
        public string? Name { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? year, CancellationToken ct)
    {
        if (Day is null)
        {
            if (year is >= 2000 and <= 2999) Input.Date = new DateOnly(year.Value, 1, 1);
            return Page();
        }
        var found = await mediator.Send(new Query(User, Day.Value), ct);
        if (found.Outcome == Outcome.Forbidden) return Forbid();
        if (found.Row is not { } row) return NotFound();
        Input = new InputModel { Date = row.Day, Kind = row.Kind, Name = row.Name };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var saved = await mediator.Send(new Save(User, Day, Input.Date!.Value, Input.Kind, Input.Name!), ct);
        switch (saved)
        {
            case Outcome.Forbidden:
                return Forbid();
            case Outcome.NotFound:
                return NotFound();
            case Outcome.Taken:
                ModelState.AddModelError("Input.Date", localizer["The calendar already has an entry for this day."]);
                return Page();
            case Outcome.AlreadyWorking:
                ModelState.AddModelError("Input.Kind", localizer["This day is already a working day: a make-up working day is a day normally off, such as a Saturday or Sunday."]);
                return Page();
            case Outcome.InvalidKind:
                ModelState.AddModelError("Input.Kind", localizer["Choose public holiday or make-up working day."]);
                return Page();
        }
        TempData["Message"] = localizer["{0} has been saved.", Input.Date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].Value;
        return RedirectToPage("Index", new { year = Input.Date.Value.Year });
    }

    public enum Outcome
    {
        Done,
        Forbidden,
        NotFound,
        Taken,
        AlreadyWorking,
        InvalidKind,
    }

    public sealed record Found(Outcome Outcome, HolidayRow? Row = null);

    public sealed record Query(ClaimsPrincipal User, DateOnly Day) : IRequest<Found>;

    /// <param name="Original">The day edited (null: a new day).</param>
    public sealed record Save(ClaimsPrincipal User, DateOnly? Original, DateOnly Day, string Kind, string Name) : IRequest<Outcome>;

    internal sealed class Handler(HolidayStore store, IOptions<BusinessHoursOptions> options) : IRequestHandler<Query, Found>, IRequestHandler<Save, Outcome>
    {
        public async Task<Found> Handle(Query query, CancellationToken ct)
        {
            if (!query.User.IsInRole(PortalRoles.Admin)) return new Found(Outcome.Forbidden);
            return await store.FindAsync(query.Day, ct) is { } row ? new Found(Outcome.Done, row) : new Found(Outcome.NotFound);
        }

        public async Task<Outcome> Handle(Save command, CancellationToken ct)
        {
            if (!command.User.IsInRole(PortalRoles.Admin)) return Outcome.Forbidden;
            if (HolidayKinds.Parse(command.Kind) is not { } kind) return Outcome.InvalidKind;
            if (kind == HolidayKind.Workday && options.Value.ToHours().Days.Contains(command.Day.DayOfWeek)) return Outcome.AlreadyWorking;
            var day = new HolidayDay(command.Day, kind, command.Name.Trim());
            return await store.SaveAsync(day, command.Original, command.User.UserId(), ct) switch
            {
                HolidayStore.SaveOutcome.NotFound => Outcome.NotFound,
                HolidayStore.SaveOutcome.Taken => Outcome.Taken,
                _ => Outcome.Done,
            };
        }
    }
}
