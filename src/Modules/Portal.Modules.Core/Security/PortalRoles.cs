namespace Portal.Modules.Core.Security;

public static class PortalRoles
{
    public const string Customer = "Customer";
    public const string Staff = "Staff";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Customer, Staff, Admin];
}

/// <summary>Authorization policy names used on pages and navigation entries.</summary>
public static class PortalPolicies
{
    /// <summary>Any signed-in user.</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>A customer contact of an organisation.</summary>
    public const string Customer = "Customer";

    /// <summary>Staff or admin.</summary>
    public const string Staff = "Staff";

    /// <summary>Admin, signed in with a second factor.</summary>
    public const string Admin = "Admin";

    /// <summary>A customer contact who administers their organisation (shows links to organisation-wide pages;
    /// those pages check it again in their handlers, since the claim is only as fresh as the sign-in).</summary>
    public const string OrganisationAdmin = "OrganisationAdmin";
}

public static class PortalClaims
{
    public const string OrganisationId = "portal:org";
    public const string DisplayName = "portal:name";
    public const string Language = "portal:lang";
    public const string OrganisationAdmin = "portal:orgadmin";
}
