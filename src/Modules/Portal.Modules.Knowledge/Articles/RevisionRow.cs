using Portal.Modules.Knowledge.Domain;

namespace Portal.Modules.Knowledge.Articles;

public sealed class RevisionRow
{
    internal const string Columns = """
        r.id AS Id, r.article_id AS ArticleId, r.number AS Number, r.action AS Action, r.type AS Type, r.title AS Title,
        r.body AS Body, r.category AS Category, r.products AS Products, r.versions AS Versions, r.tags AS Tags,
        r.visibility AS Visibility, r.status AS Status, r.created_at AS CreatedAt, r.created_by_name AS CreatedByName
        """;

    public long Id { get; set; }
    public long ArticleId { get; set; }
    public long Number { get; set; }
    public string Action { get; set; } = "";
    public string Type { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string Category { get; set; } = "";
    public string Products { get; set; } = "";
    public string? Versions { get; set; }
    public string Tags { get; set; } = "";
    public string Visibility { get; set; } = "";
    public string Status { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedByName { get; set; }

    public ArticleContent Content =>
        new(Type, Title, Body, Category, ArticleContent.Split(Products), Versions, ArticleContent.Split(Tags), Visibility);

    public static string DescribeAction(string action) => action switch
    {
        "create" => "Created",
        "edit" => "Edited",
        "publish" => "Published",
        "unpublish" => "Unpublished",
        "archive" => "Archived",
        "restore" => "Restored an earlier version",
        "import" => "Imported",
        _ => action,
    };
}
