namespace Portal.Modules.Training.Courses;

/// <summary>What staff (or a content file) say about a course; checked by <see cref="CourseRules"/>.</summary>
public sealed class CourseInput
{
    public string? Code { get; set; }
    public string? TitleZh { get; set; }
    public string? TitleEn { get; set; }
    public string? OutlineZh { get; set; }
    public string? OutlineEn { get; set; }
    public string? ProductCode { get; set; }
    public string? Audience { get; set; }
    public string? Level { get; set; }
    public string? Mode { get; set; }
    public int? DurationHours { get; set; }
    public string? Prerequisites { get; set; }
    public bool Certifies { get; set; }
    public int? CertificateMonths { get; set; }
    public bool IsActive { get; set; } = true;
}
