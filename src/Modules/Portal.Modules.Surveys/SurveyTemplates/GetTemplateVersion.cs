using System.Security.Claims;
using MediatR;
using Portal.Modules.Core.Security;

namespace Portal.Modules.Surveys.SurveyTemplates;

/// <summary>Staff: version <see cref="Version"/> of a template, or its current one when null (shared by the
/// show and edit pages).</summary>
public sealed record GetTemplateVersion(ClaimsPrincipal User, long Id, int? Version) : IRequest<GetTemplateVersion.Result>
{
    /// <summary><see cref="Found"/> is null when the template or version does not exist.</summary>
    public sealed record Result(bool Forbidden, TemplateVersion? Found);

    internal sealed class Handler(TemplateStore store) : IRequestHandler<GetTemplateVersion, Result>
    {
        public async Task<Result> Handle(GetTemplateVersion query, CancellationToken ct) =>
            query.User.IsStaff() ? new Result(false, await store.FindAsync(query.Id, query.Version, ct)) : new Result(true, null);
    }
}
