namespace Portal.Modules.Core.Modules;

public enum NavSection
{
    Main,
    Staff,
    Admin,
    Account,
}

/// <summary>A link a module contributes to the layout's navigation. <see cref="Title"/> is a
/// localization key; <see cref="Policy"/> names the authorization policy needed to see it
/// (null: everyone, including anonymous visitors).</summary>
public sealed record NavEntry(NavSection Section, string Title, string Area, string Page, string? Policy, int Order = 100);
