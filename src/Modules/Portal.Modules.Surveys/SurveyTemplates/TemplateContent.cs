using System.Text.Json;

namespace Portal.Modules.Surveys.SurveyTemplates;

/// <summary>What a template version says: titles, header fields, sections and questions, each in zh and en.
/// The same shape is read from content files, bound by the edit form and loaded from the database.</summary>
public sealed class TemplateContent
{
    public string? TitleZh { get; set; }
    public string? TitleEn { get; set; }
    public string? IntroZh { get; set; }
    public string? IntroEn { get; set; }
    public List<BilingualText> HeaderFields { get; set; } = [];
    public List<SectionContent> Sections { get; set; } = [];

    /// <summary>The edit form's header fields, one "中文 | English" a line.</summary>
    public string? HeaderLines
    {
        get => BilingualText.ToLines(HeaderFields);
        set => HeaderFields = BilingualText.FromLines(value);
    }

    public int QuestionCount => Sections.Sum(s => s.Questions.Count);

    /// <summary>Removed sections and questions dropped, the rest in the order of their positions, texts trimmed.</summary>
    public TemplateContent Normalized() => new()
    {
        TitleZh = TitleZh?.Trim() ?? "", TitleEn = TitleEn?.Trim() ?? "", IntroZh = IntroZh?.Trim() ?? "", IntroEn = IntroEn?.Trim() ?? "",
        HeaderFields = [.. HeaderFields.Select(h => h.Trimmed())],
        Sections = [.. Sections.Where(s => !s.Remove).OrderBy(s => s.Position).Select((s, i) => new SectionContent
        {
            Position = i + 1, TitleZh = s.TitleZh?.Trim() ?? "", TitleEn = s.TitleEn?.Trim() ?? "",
            Questions = [.. s.Questions.Where(q => !q.Remove).OrderBy(q => q.Position).Select((q, j) => new QuestionContent
            {
                Position = j + 1, Kind = q.Kind?.Trim() ?? "", TextZh = q.TextZh?.Trim() ?? "", TextEn = q.TextEn?.Trim() ?? "",
                Required = q.Required, AllowRemark = q.Kind == QuestionKinds.Rating && q.AllowRemark,
                Choices = q.Kind == QuestionKinds.Choice ? [.. q.Choices.Select(c => c.Trimmed())] : [],
            })],
        })],
    };

    /// <summary>Two contents are the same survey when this matches (ids and edit flags left out).</summary>
    public string Fingerprint()
    {
        var n = Normalized();
        return JsonSerializer.Serialize(new
        {
            n.TitleZh, n.TitleEn, n.IntroZh, n.IntroEn, Header = n.HeaderFields.Select(h => new[] { h.Zh, h.En }),
            Sections = n.Sections.Select(s => new
            {
                s.TitleZh, s.TitleEn,
                Questions = s.Questions.Select(q => new { q.Kind, q.TextZh, q.TextEn, q.Required, q.AllowRemark, Choices = q.Choices.Select(c => new[] { c.Zh, c.En }) }),
            }),
        });
    }
}

public sealed class SectionContent
{
    public long Id { get; set; }

    /// <summary>Order within the version, from 1; the edit form lets staff renumber to reorder.</summary>
    public int Position { get; set; }

    public string? TitleZh { get; set; }
    public string? TitleEn { get; set; }
    public List<QuestionContent> Questions { get; set; } = [];

    /// <summary>Edit form only: drop this section when saving.</summary>
    public bool Remove { get; set; }
}

public sealed class QuestionContent
{
    public long Id { get; set; }
    public int Position { get; set; }
    public string? Kind { get; set; } = QuestionKinds.Rating;
    public string? TextZh { get; set; }
    public string? TextEn { get; set; }
    public bool Required { get; set; } = true;

    /// <summary>Rating only: a remark (其他意见) may go with the rating.</summary>
    public bool AllowRemark { get; set; }

    /// <summary>Single choice only.</summary>
    public List<BilingualText> Choices { get; set; } = [];

    /// <summary>The edit form's choices, one "中文 | English" a line.</summary>
    public string? ChoiceLines
    {
        get => BilingualText.ToLines(Choices);
        set => Choices = BilingualText.FromLines(value);
    }

    /// <summary>Edit form only: drop this question when saving.</summary>
    public bool Remove { get; set; }
}
