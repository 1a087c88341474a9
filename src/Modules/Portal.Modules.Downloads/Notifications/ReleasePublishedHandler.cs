using System.Globalization;
using Dapper;
using MediatR;
using Microsoft.Extensions.Options;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Core;
using Portal.Modules.Core.Data;
using Portal.Modules.Core.Outbox;
using Portal.Modules.Downloads.Contracts;
using Portal.Modules.Downloads.Releases;
using Portal.Modules.Notifications.Contracts;

namespace Portal.Modules.Downloads.Notifications;

/// <summary>Tells every customer contact (except those who turned it off on /Downloads/Emails) of each active organisation that has the product installed
/// about a newly published release, in the contact's language. One email per release and contact
/// (dedup key), so a redelivered event sends nothing twice. A release unpublished again before the
/// event is delivered notifies nobody.</summary>
internal sealed class ReleasePublishedHandler(ReleaseQueries queries, IMediator mediator, IDb db, IOutbox outbox, IOptions<PortalOptions> portal)
    : INotificationHandler<ReleasePublished>
{
    public const string Template = "downloads.release-published";

    public async Task Handle(ReleasePublished notification, CancellationToken ct)
    {
        var release = await queries.ReleaseAsync(notification.ReleaseId, ct);
        if (release is not { IsPublished: true }) return;
        var product = await mediator.Send(new GetProduct(release.ProductCode), ct);
        var installations = await mediator.Send(new ListProductInstallations(release.ProductCode), ct);
        HashSet<long> optedOut;
        await using (var c = await db.OpenAsync(ct))
            optedOut = [.. await c.QueryAsync<long>("SELECT user_id FROM dl_email_optouts")];
        var emails = new List<EmailRequested>();
        foreach (var organisationId in installations.Select(i => i.OrganisationId).Distinct())
        {
            if (await mediator.Send(new GetOrganisation(organisationId), ct) is not { IsActive: true } organisation) continue;
            foreach (var contact in (await mediator.Send(new ListOrganisationContacts(organisationId), ct)).Where(c => !optedOut.Contains(c.UserId)))
                emails.Add(Email(release, product, organisation, contact));
        }
        if (emails.Count == 0) return;
        await db.WriteAsync(async (c, tx) =>
        {
            foreach (var email in emails) await outbox.EnqueueAsync(c, tx, email, email.DedupKey);
        }, ct);
    }

    private EmailRequested Email(ReleaseRow release, ProductInfo? product, OrganisationInfo organisation, OrganisationContact contact)
    {
        var culture = CultureInfo.GetCultureInfo(contact.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh-CN");
        var english = culture.Name == "en";
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = contact.DisplayName,
            ["organisation"] = organisation.Name,
            ["product"] = product?.Name(culture) ?? release.ProductCode,
            ["version"] = release.Version.ToString(),
            ["title"] = release.Title(culture),
            ["kind"] = english ? ReleaseLabels.Kind(release.Kind) : KindZh(release.Kind),
            ["severity"] = release.Severity is null ? "" : english ? $"Severity: {ReleaseLabels.Severity(release.Severity)}." : $"严重程度：{SeverityZh(release.Severity)}。",
            ["link"] = string.Create(CultureInfo.InvariantCulture, $"{portal.Value.BaseUrl.TrimEnd('/')}/Downloads/Release/{release.Id}"),
            ["settings"] = $"{portal.Value.BaseUrl.TrimEnd('/')}/Downloads/Emails",
        };
        var dedupKey = string.Create(CultureInfo.InvariantCulture, $"downloads.published:{release.Id}:{contact.UserId}");
        return new EmailRequested(contact.Email, Template, contact.Language, values, dedupKey);
    }

    // Email text is rendered outside a request, so the labels are spelled out here rather than looked up.
    private static string KindZh(string kind) => kind switch
    {
        "patch" => "补丁",
        "upgrade" => "升级包",
        "tool" => "工具",
        "manual" => "手册",
        _ => "安装介质",
    };

    private static string SeverityZh(string severity) => severity switch
    {
        "critical" => "严重",
        "important" => "重要",
        "moderate" => "中等",
        _ => "低",
    };
}
