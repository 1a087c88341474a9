namespace Portal.Modules.Notifications.Delivery;

/// <summary>The values of nt_messages.state.</summary>
internal static class MessageStates
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Sent, Failed];
}
