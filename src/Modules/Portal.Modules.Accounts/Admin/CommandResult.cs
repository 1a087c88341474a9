using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Portal.Modules.Accounts.Admin;

public enum CommandStatus
{
    Done,
    Forbidden,
    NotFound,
    Invalid,
}

/// <summary>The outcome of an admin command. <see cref="Error"/> is a localization key (English
/// text, optionally with {0} placeholders filled from <see cref="Args"/>) for the form field
/// <see cref="Field"/> ("" for the whole form).</summary>
public sealed record CommandResult(CommandStatus Status, string Field = "", string? Error = null, object[]? Args = null)
{
    public static readonly CommandResult Done = new(CommandStatus.Done);
    public static readonly CommandResult Forbidden = new(CommandStatus.Forbidden);
    public static readonly CommandResult NotFound = new(CommandStatus.NotFound);

    public static CommandResult Invalid(string field, string error, params object[] args) => new(CommandStatus.Invalid, field, error, args);

    public bool Succeeded => Status == CommandStatus.Done;
}

internal static class CommandResultExtensions
{
    /// <summary>For a failed command: 403, 404, or the localized error added to the model state
    /// (then null: the page re-renders itself with what it needs).</summary>
    public static IActionResult? FailureResponse(this PageModel page, CommandResult result, IStringLocalizer localizer)
    {
        switch (result.Status)
        {
            case CommandStatus.Forbidden:
                return page.Forbid();
            case CommandStatus.NotFound:
                return page.NotFound();
            case CommandStatus.Invalid:
                page.ModelState.AddModelError(result.Field, localizer[result.Error ?? "The request could not be processed.", result.Args ?? []]);
                return null;
            default:
                return null;
        }
    }
}
