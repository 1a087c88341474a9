namespace Portal.Modules.Core.Modules;

/// <summary>A tile a module contributes to the home page, next to its navigation entries.
/// <see cref="Title"/> and <see cref="Text"/> are localization keys; with <see cref="Href"/> the title
/// links there; with <see cref="ForCustomers"/> only members of an organisation see it.</summary>
public sealed record HomeTile(string Title, string Text, string? Href = null, bool ForCustomers = false, int Order = 100);
