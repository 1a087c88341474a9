namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>What the removal confirmation partial needs.</summary>
public interface IRemoveInstallation
{
    InstallationRow? Installation { get; }

    /// <summary>Someone else changed the installation since the confirmation was shown.</summary>
    bool Conflict { get; }
}
