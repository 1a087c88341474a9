using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Portal.Modules.Accounts.Identity;

/// <summary>Identity's error messages (password rules, duplicate addresses, invalid tokens) in the
/// user's language. The codes stay Identity's, so pages can still tell errors apart.</summary>
internal sealed class LocalizedIdentityErrorDescriber(IStringLocalizer localizer) : IdentityErrorDescriber
{
    private IdentityError Error(string code, string key, params object[] args) =>
        new() { Code = code, Description = args.Length == 0 ? localizer[key] : localizer[key, args] };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Something went wrong. Please try again.");

    public override IdentityError ConcurrencyFailure() =>
        Error(nameof(ConcurrencyFailure), "The account was changed at the same time by someone else. Reload the page and try again.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "The current password is not correct.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "This link is invalid or has expired.");

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), "The recovery code is not valid.");

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), "The email address {0} cannot be used for an account.", userName ?? "");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Enter a valid email address.");

    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), "An account with the email address {0} already exists.", userName);

    public override IdentityError DuplicateEmail(string email) =>
        Error(nameof(DuplicateEmail), "An account with the email address {0} already exists.", email);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "This account already has a password.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Locking is not enabled for this account.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "The account already has the role {0}.", role);

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "The account does not have the role {0}.", role);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "Use at least {0} characters for the password.", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), "Use at least {0} different characters in the password.", uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), "The password needs at least one character that is not a letter or digit.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "The password needs at least one digit.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "The password needs at least one lower-case letter.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "The password needs at least one upper-case letter.");
}
