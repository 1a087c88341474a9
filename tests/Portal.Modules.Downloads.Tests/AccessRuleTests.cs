using System.Security.Claims;
using MediatR;
using Portal.Modules.Core.Security;
using Portal.Modules.Downloads.Access;
using Portal.Modules.Downloads.Releases;
using Portal.Modules.ServiceContracts.Contracts;
using Xunit;

namespace Portal.Modules.Downloads.Tests;

/// <summary>ReleaseAccess, the one rule for release pages and files, without a database: Contracts'
/// CanDownload answers "allowed" for organisation 1 and "no contract" for any other.</summary>
public sealed class AccessRuleTests
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());
    private static readonly ClaimsPrincipal Staff = User(PortalRoles.Staff, null);
    private static readonly ClaimsPrincipal Covered = User(PortalRoles.Customer, 1);
    private static readonly ClaimsPrincipal Uncovered = User(PortalRoles.Customer, 2);

    private static ClaimsPrincipal User(string role, long? organisation)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, "7"), new(ClaimTypes.Role, role) };
        if (organisation is { } o) claims.Add(new Claim(PortalClaims.OrganisationId, o.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private static ReleaseRow Release(bool published, bool isPublic) => new()
    {
        Id = 1, ProductCode = "KMS", Major = 8, Minor = 5, Patch = 2, Kind = "patch", Status = published ? "published" : "draft", IsPublic = isPublic,
    };

    private static FileRow File(bool current) => new() { Id = 1, ReleaseId = 1, ReplacedBy = current ? null : 2 };

    private static ReleaseAccess Access()
    {
        var canDownload = new CanDownloadStub();
        var mediator = new Mediator(type =>
            type == typeof(IRequestHandler<CanDownload, DownloadDecision>) ? canDownload
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? Array.CreateInstance(type.GetGenericArguments()[0], 0)
            : null!);
        return new ReleaseAccess(mediator, TimeProvider.System);
    }

    private sealed class CanDownloadStub : IRequestHandler<CanDownload, DownloadDecision>
    {
        public Task<DownloadDecision> Handle(CanDownload request, CancellationToken cancellationToken) => Task.FromResult(request.OrganisationId == 1
            ? new DownloadDecision(true, DownloadDenial.None, null, false)
            : new DownloadDecision(false, DownloadDenial.NoContract, null, true, new CatalogProduct(5, "KMS", "KMS", "KMS")));
    }

    public static TheoryData<string, string, bool, string, string> Cases => new()
    {
        // who, release, file current, the page, the file
        { "staff", "draft", false, "Granted Staff", "Granted Staff" },
        { "staff", "published", true, "Granted Staff", "Granted Staff" },
        { "anonymous", "draft", true, "NotFound Hidden", "NotFound Hidden" },
        { "anonymous", "public", true, "Granted Public", "Granted Public" },
        { "anonymous", "public", false, "Granted Public", "NotFound Hidden" },
        { "anonymous", "published", true, "SignIn NotSignedIn", "SignIn NotSignedIn" },
        { "anonymous", "published", false, "SignIn NotSignedIn", "NotFound Hidden" },
        { "covered", "draft", true, "NotFound Hidden", "NotFound Hidden" },
        { "covered", "published", true, "Granted SignedIn", "Granted Entitled" },
        { "covered", "published", false, "Granted SignedIn", "NotFound Hidden" },
        { "uncovered", "published", true, "Granted SignedIn", "Refused NotEntitled" },
        { "uncovered", "public", true, "Granted Public", "Granted Public" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Who_sees_a_release_and_who_downloads_its_files(string who, string release, bool current, string page, string file)
    {
        var user = who switch { "staff" => Staff, "covered" => Covered, "uncovered" => Uncovered, _ => Anonymous };
        var row = Release(release != "draft", release == "public");

        var seen = ReleaseAccess.ToPage(user, row);
        var fetched = await Access().ToFilesAsync(user, row, File(current), default);

        Assert.Equal(page, $"{seen.Outcome} {seen.Reason}");
        Assert.Equal(file, $"{fetched.Outcome} {fetched.Reason}");
        if (fetched.Outcome == AccessOutcome.Refused)
        {
            Assert.Equal(DownloadDenial.NoContract, fetched.Entitlement!.Denial);
            Assert.Equal(5, fetched.Entitlement.Product!.Id);
        }
    }
}
