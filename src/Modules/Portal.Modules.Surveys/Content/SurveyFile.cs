using Portal.Modules.Surveys.SurveyTemplates;

namespace Portal.Modules.Surveys.Content;

/// <summary>One template in content/surveys/&lt;code&gt;.yaml (docs/content-format.md "surveys"). Keys are
/// snake_case; an unknown key is an error.</summary>
internal sealed class SurveyFile
{
    public string? Code { get; set; }
    public string? Purpose { get; set; }
    public BilingualText? Title { get; set; }
    public BilingualText? Intro { get; set; }
    public List<BilingualText> Header { get; set; } = [];
    public List<SectionFile> Sections { get; set; } = [];

    public sealed class SectionFile
    {
        public BilingualText? Title { get; set; }
        public List<QuestionFile> Questions { get; set; } = [];
    }

    public sealed class QuestionFile
    {
        public string? Kind { get; set; }
        public BilingualText? Text { get; set; }
        public bool Required { get; set; } = true;
        public bool Remark { get; set; }
        public List<BilingualText> Choices { get; set; } = [];
    }

    public TemplateContent ToContent() => new TemplateContent
    {
        TitleZh = Title?.Zh, TitleEn = Title?.En, IntroZh = Intro?.Zh, IntroEn = Intro?.En, HeaderFields = Header,
        Sections = [.. Sections.Select((s, i) => new SectionContent
        {
            Position = i + 1, TitleZh = s.Title?.Zh, TitleEn = s.Title?.En,
            Questions = [.. s.Questions.Select((q, j) => new QuestionContent
            {
                Position = j + 1, Kind = q.Kind, TextZh = q.Text?.Zh, TextEn = q.Text?.En, Required = q.Required, AllowRemark = q.Remark, Choices = q.Choices,
            })],
        })],
    }.Normalized();
}
