using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Modules.Core;
using Portal.Modules.Core.Modules;
using Portal.Modules.Core.Security;
using Portal.Modules.Notifications.Delivery;
using Portal.Modules.Notifications.Mail;
using Portal.Modules.Notifications.Templates;

namespace Portal.Modules.Notifications;

public static class NotificationsModule
{
    public const string Name = "Notifications";

    /// <summary>Email delivery (SMTP when Smtp:Host is set, otherwise .eml files in the data
    /// folder), its templates, and the staff pages that show outgoing mail and the outbox.
    /// Reads the "Smtp" section of the registered IConfiguration.</summary>
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services)
    {
        services.AddPortalModule(Name, typeof(NotificationsModule).Assembly, order: 5);
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        services.AddSingleton<EmailTemplateStore>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<IMailTransport>(p => p.GetRequiredService<IOptions<SmtpOptions>>().Value.UsesServer
            ? new SmtpMailTransport(p.GetRequiredService<IOptions<SmtpOptions>>())
            : new PickupFolderMailTransport(p.GetRequiredService<IOptions<SmtpOptions>>(), p.GetRequiredService<IOptions<PortalOptions>>()));

        services.AddNavEntry(new NavEntry(NavSection.Staff, "Outgoing mail", Name, "/Manage/Mail/Index", PortalPolicies.Staff, 900));
        services.AddNavEntry(new NavEntry(NavSection.Staff, "Background deliveries", Name, "/Manage/Outbox/Index", PortalPolicies.Staff, 910));
        return services;
    }
}
