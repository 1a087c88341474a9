namespace Portal.Modules.Notifications.Mail;

/// <summary>Settings under "Smtp". Without a Host, mail is written as .eml files to
/// &lt;Portal:DataPath&gt;/mail instead of being sent.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string From { get; set; } = "portal@localhost";

    /// <summary>Display name of the sender, e.g. "Acme 客户服务门户".</summary>
    public string? FromName { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    public bool EnableSsl { get; set; }

    /// <summary>How long one delivery to the SMTP server may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool UsesServer => !string.IsNullOrWhiteSpace(Host);
}
