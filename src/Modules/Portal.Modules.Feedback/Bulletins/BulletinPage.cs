using Portal.Modules.Feedback.Domain;

namespace Portal.Modules.Feedback.Bulletins;

/// <summary>What a bulletin page shows: the bulletin, whether and when it was sent, the neighbouring months
/// to browse to (null where there is none), and which requests the reader may open (customers: those they see).</summary>
public sealed record BulletinPage(Bulletin Bulletin, BulletinRecord? Sent, string? PreviousMonth, string? NextMonth, IReadOnlySet<long> Linked)
{
    internal static BulletinPage Of(Bulletin bulletin, BulletinRecord? sent, BulletinMonth month, BulletinMonth latest, IReadOnlySet<long> linked) =>
        new(bulletin, sent, month.Previous.Year >= 2000 ? month.Previous.ToString() : null,
            month.Next.First <= latest.First ? month.Next.ToString() : null, linked);
}
