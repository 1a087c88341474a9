using MediatR;

namespace Portal.Modules.Accounts.Contracts;

/// <summary>Which emails a user wants (set on /Account/Profile); all on by default.</summary>
/// <param name="RequestEmails">Replies and status changes of their service requests.</param>
/// <param name="MonthlyBulletin">The monthly service bulletin of their organisation.</param>
/// <param name="SurveyEmails">Satisfaction survey invitations and their reminders.</param>
public sealed record EmailPreferences(bool RequestEmails, bool MonthlyBulletin, bool SurveyEmails = true)
{
    /// <summary>What a user who never changed anything (or an unknown user) gets: everything.</summary>
    public static readonly EmailPreferences Default = new(true, true, true);
}

/// <summary>The email preferences of the given users, by user id; ids that name no user are left
/// out (callers use <see cref="EmailPreferences.Default"/>).</summary>
public sealed record GetEmailPreferences(IReadOnlyCollection<long> UserIds) : IRequest<IReadOnlyDictionary<long, EmailPreferences>>;
