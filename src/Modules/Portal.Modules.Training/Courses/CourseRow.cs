namespace Portal.Modules.Training.Courses;

/// <summary>A row of tr_courses.</summary>
public sealed class CourseRow
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string TitleZh { get; init; } = "";
    public string TitleEn { get; init; } = "";
    public string OutlineZh { get; init; } = "";
    public string OutlineEn { get; init; } = "";
    public string ProductCode { get; init; } = "";
    public string Audience { get; init; } = "";
    public string Level { get; init; } = "";
    public string Mode { get; init; } = "";
    public int DurationHours { get; init; }
    public string Prerequisites { get; init; } = "";
    public bool Certifies { get; init; }
    public int CertificateMonths { get; init; }
    public bool IsActive { get; init; }
    public int MaterialCount { get; init; }

    public string Title(bool chinese) => chinese ? TitleZh : TitleEn;

    public string Outline(bool chinese) => chinese ? OutlineZh : OutlineEn;

    public CourseInput ToInput() => new()
    {
        Code = Code, TitleZh = TitleZh, TitleEn = TitleEn, OutlineZh = OutlineZh, OutlineEn = OutlineEn, ProductCode = ProductCode,
        Audience = Audience, Level = Level, Mode = Mode, DurationHours = DurationHours, Prerequisites = Prerequisites,
        Certifies = Certifies, CertificateMonths = CertificateMonths, IsActive = IsActive,
    };
}
