namespace Portal.Modules.Training.Materials;

public sealed class MaterialRow
{
    public long Id { get; init; }
    public long CourseId { get; init; }
    public string StoreKey { get; init; } = "";
    public string FileName { get; init; } = "";
    public long Size { get; init; }
    public string Sha256 { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}
