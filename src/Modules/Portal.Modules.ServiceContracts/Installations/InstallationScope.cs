namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>Whose installations a request acts on: the customer's pages on the signed-in user's own
/// organisation (never one named in the request), the staff pages on any organisation.</summary>
public enum InstallationScope
{
    OwnOrganisation,
    AnyOrganisation,
}
