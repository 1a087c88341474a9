namespace Portal.Host.Tests.BadInput;

/// <summary>Cases the walk found that are not fixed yet, left out (with the reason) so everything
/// else stays checked. Nothing is open: NUL values, unreadable checkboxes and ChangeRole are fixed.</summary>
internal static class KnownOpen
{
    public static bool Skip(string provider, string method, string route, WalkField field, string value) => false;
}
