namespace Portal.Modules.Notifications.Templates;

/// <summary>An email that cannot be rendered correctly: unknown template or a missing value.
/// Delivery fails with this message rather than sending a broken email.</summary>
internal sealed class EmailTemplateException(string message) : Exception(message);
