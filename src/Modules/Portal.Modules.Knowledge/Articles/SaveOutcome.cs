namespace Portal.Modules.Knowledge.Articles;

/// <summary><see cref="Current"/> is the stored article after the attempt (for a conflict: the
/// version someone else saved).</summary>
public sealed record SaveOutcome(SaveStatus Status, ArticleRow? Current = null)
{
    public static readonly SaveOutcome NotFound = new(SaveStatus.NotFound);
    public static readonly SaveOutcome SlugTaken = new(SaveStatus.SlugTaken);
}
