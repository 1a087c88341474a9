namespace Portal.Modules.Knowledge.Articles;

public sealed class CategoryCount
{
    public string Category { get; set; } = "";
    public long Count { get; set; }
}
