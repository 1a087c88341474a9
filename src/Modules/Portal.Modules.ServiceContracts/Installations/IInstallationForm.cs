namespace Portal.Modules.ServiceContracts.Installations;

/// <summary>What the installation form partial needs: the input and the versions to choose from.</summary>
public interface IInstallationForm
{
    InstallationInput Input { get; }

    IReadOnlyList<VersionChoice> Choices { get; }
}
