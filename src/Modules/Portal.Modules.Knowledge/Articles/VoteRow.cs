namespace Portal.Modules.Knowledge.Articles;

public sealed class VoteRow
{
    public bool Helpful { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
