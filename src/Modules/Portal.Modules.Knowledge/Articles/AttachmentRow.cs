using Portal.Modules.Core.Files;

namespace Portal.Modules.Knowledge.Articles;

/// <summary>An image or attachment of an article, as the editor lists it.</summary>
public sealed class AttachmentRow
{
    public long Id { get; set; }
    public string FileName { get; set; } = "";
    public long Size { get; set; }
    public string Url => $"/Knowledge/Files/{Id}/{Uri.EscapeDataString(FileName)}";
    public bool IsImage => FileTypes.Serve(FileName).Inline;
}
