namespace Portal.Modules.Training.Content;

/// <summary>One course in content/training/*.yaml (docs/content-format.md "training"). Keys are snake_case;
/// an unknown key is an error.</summary>
internal sealed class CourseFile
{
    public string? Code { get; set; }
    public string? Product { get; set; }
    public Texts? Title { get; set; }
    public Texts? Outline { get; set; }
    public string? Audience { get; set; }
    public string? Level { get; set; }
    public string? Mode { get; set; }
    public int? DurationHours { get; set; }
    public string? Prerequisites { get; set; }
    public bool Certifies { get; set; }
    public int? CertificateMonths { get; set; }
    public bool? Active { get; set; }

    public sealed class Texts
    {
        public string? Zh { get; set; }
        public string? En { get; set; }
    }

    public Courses.CourseInput ToInput(int defaultMonths) => new()
    {
        Code = Code, ProductCode = Product, TitleZh = Title?.Zh, TitleEn = Title?.En, OutlineZh = Outline?.Zh, OutlineEn = Outline?.En,
        Audience = Audience, Level = Level, Mode = Mode, DurationHours = DurationHours, Prerequisites = Prerequisites,
        Certifies = Certifies, CertificateMonths = CertificateMonths ?? defaultMonths, IsActive = Active ?? true,
    };
}
