namespace Portal.Modules.Surveys.Results;

/// <summary>Which responses the results count: one template version, submitted in [<see cref="From"/>, <see cref="To"/>)
/// (instants of the vendor's day boundaries), optionally of one product and one organisation.</summary>
public sealed record ResultsFilter(long VersionId, DateTimeOffset From, DateTimeOffset To, string? Product, long? Organisation)
{
    /// <summary>The WHERE conditions on sv_responses r and sv_invitations i; parameters are this record's properties.</summary>
    internal string ResponseConditions() =>
        "r.template_version_id = @VersionId AND r.submitted_at >= @From AND r.submitted_at < @To"
        + (Product is null ? "" : " AND i.product_code = @Product")
        + (Organisation is null ? "" : " AND r.organisation_id = @Organisation");

    /// <summary>The same on sv_invitations i alone, by when they were sent.</summary>
    internal string InvitationConditions() =>
        "i.template_version_id = @VersionId AND i.created_at >= @From AND i.created_at < @To"
        + (Product is null ? "" : " AND i.product_code = @Product")
        + (Organisation is null ? "" : " AND i.organisation_id = @Organisation");
}
