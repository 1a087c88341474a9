using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using Portal.Modules.Accounts.Admin;

namespace Portal.Modules.Accounts.Areas.Admin.Pages.Organisations;

/// <summary>The fields of the create and edit forms.</summary>
public sealed class OrganisationInput
{
    [Required(ErrorMessage = "Enter a code.")]
    [StringLength(32, ErrorMessage = "The code can be at most 32 characters long.")]
    [RegularExpression("^[A-Z0-9-]+$", ErrorMessage = "The code may contain only capital letters A–Z, digits and hyphens.")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Enter the organisation's name.")]
    [StringLength(200, ErrorMessage = "The name can be at most 200 characters long.")]
    public string Name { get; set; } = "";

    [EmailAddress(ErrorMessage = "Enter a valid email address for the account manager.")]
    [StringLength(254, ErrorMessage = "The email address can be at most 254 characters long.")]
    public string? AccountManagerEmail { get; set; }

    internal string CleanName => Portal.Modules.Core.Text.InvisibleCharacters.Strip(Name).Trim();

    internal string? CleanAccountManagerEmail => string.IsNullOrWhiteSpace(AccountManagerEmail) ? null : AccountManagerEmail.Trim();
}

internal static class OrganisationCodes
{
    public const string Duplicate = "An organisation with the code {0} already exists.";

    /// <summary>Inside the write transaction: is the code taken by another organisation? (The
    /// unique index still decides when two admins race; callers map that violation the same way.)</summary>
    public static async Task<bool> TakenAsync(DbConnection c, DbTransaction tx, string code, long exceptId) =>
        await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM acc_organisations WHERE code = @code AND id <> @exceptId",
            new { code, exceptId }, tx) > 0;

    public static CommandResult DuplicateResult(string code) => CommandResult.Invalid("Input.Code", Duplicate, code);
}
