using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;

namespace Portal.Modules.Accounts.Identity;

/// <summary>Someone asked for a password reset link for this address, which may or may not
/// belong to an account.</summary>
public sealed record PasswordResetRequested(string Email, string RequestKey) : INotification;

/// <summary>Sends the reset link when the address belongs to an account; does nothing otherwise.
/// The email's dedup key comes from the request, so a redelivered event sends one email.</summary>
internal sealed class PasswordResetRequestedHandler(UserManager<PortalUser> users, IDb db, IOutbox outbox, IOptions<PortalOptions> portal)
    : INotificationHandler<PasswordResetRequested>
{
    public async Task Handle(PasswordResetRequested notification, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(notification.Email);
        if (user?.Email is null) return;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = AccountEmails.Link(portal.Value, "ResetPassword", user.Id, token);
        var key = string.Create(CultureInfo.InvariantCulture, $"reset:{user.Id}:{notification.RequestKey}");
        await AccountEmails.EnqueueAsync(db, outbox, user, AccountEmails.ResetPasswordTemplate, link, key, ct);
    }
}
