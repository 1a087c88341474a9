namespace Portal.Modules.Surveys.SurveyTemplates;

/// <summary>What a template version must have before it is stored. Messages are English localizer keys;
/// positions are 1-based as staff see them.</summary>
public static class TemplateRules
{
    public sealed record Problem(string Message, params object[] Args);

    /// <summary>Checks a <see cref="TemplateContent.Normalized"/> content.</summary>
    public static IReadOnlyList<Problem> Check(TemplateContent c, int maxLength)
    {
        var problems = new List<Problem>();
        if (Blank(c.TitleZh, c.TitleEn)) problems.Add(new("Enter the title in Chinese and English."));
        for (var h = 0; h < c.HeaderFields.Count; h++)
            if (Blank(c.HeaderFields[h].Zh, c.HeaderFields[h].En)) problems.Add(new("Header field {0}: enter it in Chinese and English.", h + 1));
        if (c.QuestionCount == 0) problems.Add(new("A template needs at least one question."));
        foreach (var s in c.Sections)
        {
            if (Blank(s.TitleZh, s.TitleEn)) problems.Add(new("Section {0}: enter the title in Chinese and English.", s.Position));
            foreach (var q in s.Questions)
            {
                if (Blank(q.TextZh, q.TextEn)) problems.Add(new("Section {0}, question {1}: enter the text in Chinese and English.", s.Position, q.Position));
                if (!QuestionKinds.All.Contains(q.Kind)) problems.Add(new("Section {0}, question {1}: the kind must be a rating, a single choice or free text.", s.Position, q.Position));
                if (q.Kind == QuestionKinds.Choice && (q.Choices.Count < 2 || q.Choices.Any(ch => Blank(ch.Zh, ch.En))))
                    problems.Add(new("Section {0}, question {1}: a single choice needs at least two choices, each in Chinese and English.", s.Position, q.Position));
            }
        }
        if (Texts(c).Any(t => t.Length > maxLength)) problems.Add(new("A text may have at most {0} characters.", maxLength));
        return problems;
    }

    private static bool Blank(string? zh, string? en) => string.IsNullOrWhiteSpace(zh) || string.IsNullOrWhiteSpace(en);

    private static IEnumerable<string> Texts(TemplateContent c)
    {
        IEnumerable<string?> all = [c.TitleZh, c.TitleEn];
        all = all.Concat(c.HeaderFields.SelectMany(h => new[] { h.Zh, h.En }));
        foreach (var s in c.Sections)
        {
            all = all.Concat([s.TitleZh, s.TitleEn]);
            foreach (var q in s.Questions) all = all.Concat([q.TextZh, q.TextEn]).Concat(q.Choices.SelectMany(ch => new[] { ch.Zh, ch.En }));
        }
        return all.Select(t => t ?? "");
    }
}
