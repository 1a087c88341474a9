using System.Globalization;
using Portal.Modules.Surveys.SurveyTemplates;

namespace Portal.Modules.Surveys.Invitations;

/// <summary>Checks what a customer submitted against the version they were given: every required question answered,
/// ratings 5..1 or not applicable, choices among the offered ones, texts and remarks not too long, and no question
/// that is not in this version. Errors name the form field and an English message with its arguments.</summary>
internal static class AnswerRules
{
    public const int MaxHeaderLength = 200;

    public sealed record Error(string Field, string Message, object[] Args);

    public static (List<GivenAnswer> Answers, List<string> Header, List<Error> Errors) Check(TemplateVersion version, bool chinese,
        IReadOnlyDictionary<string, string?> answers, IReadOnlyDictionary<string, string?> remarks, IReadOnlyList<string?> header, int maxLength)
    {
        var errors = new List<Error>();
        var questions = version.Content.Sections.SelectMany(s => s.Questions).ToDictionary(q => q.Id);
        if (answers.Keys.Concat(remarks.Keys).Any(k => !long.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !questions.ContainsKey(id)))
            errors.Add(new Error("", "The form named a question that is not in this survey. Please answer the questions shown.", []));
        var given = new List<GivenAnswer>();
        foreach (var q in questions.Values)
        {
            var key = q.Id.ToString(CultureInfo.InvariantCulture);
            var field = $"Answers[{key}]";
            var text = (chinese ? q.TextZh : q.TextEn) ?? "";
            var value = answers.GetValueOrDefault(key)?.Trim();
            var remark = q.AllowRemark ? remarks.GetValueOrDefault(key)?.Trim() : null;
            if (remark is { Length: 0 }) remark = null;
            if (remark is not null && remark.Length > maxLength)
                errors.Add(new Error($"Remarks[{key}]", "\"{0}\": the comment may have at most {1} characters.", [text, maxLength]));
            if (string.IsNullOrEmpty(value))
            {
                if (q.Required) errors.Add(new Error(field, "Please answer \"{0}\".", [text]));
                else if (remark is not null) given.Add(new GivenAnswer(q.Id, null, false, null, null, remark));
                continue;
            }
            switch (q.Kind)
            {
                case QuestionKinds.Rating when value == RatingScale.NotApplicable:
                    given.Add(new GivenAnswer(q.Id, null, true, null, null, remark));
                    break;
                case QuestionKinds.Rating when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 1 and <= 5:
                    given.Add(new GivenAnswer(q.Id, score, false, null, null, remark));
                    break;
                case QuestionKinds.Rating:
                    errors.Add(new Error(field, "\"{0}\": choose a rating from 5 to 1, or \"Not applicable\".", [text]));
                    break;
                case QuestionKinds.Choice when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var choice) && choice >= 1 && choice <= q.Choices.Count:
                    given.Add(new GivenAnswer(q.Id, null, false, choice, null, null));
                    break;
                case QuestionKinds.Choice:
                    errors.Add(new Error(field, "\"{0}\": choose one of the answers offered.", [text]));
                    break;
                default:
                    if (value.Length > maxLength) errors.Add(new Error(field, "\"{0}\": the answer may have at most {1} characters.", [text, maxLength]));
                    else given.Add(new GivenAnswer(q.Id, null, false, null, value, null));
                    break;
            }
        }
        var headerValues = new List<string>();
        for (var i = 0; i < version.Content.HeaderFields.Count; i++)
        {
            var value = (i < header.Count ? header[i] : null)?.Trim() ?? "";
            if (value.Length > MaxHeaderLength)
                errors.Add(new Error($"Header[{i}]", "\"{0}\": at most {1} characters.", [version.Content.HeaderFields[i].Pick(chinese), MaxHeaderLength]));
            headerValues.Add(value);
        }
        return (given, headerValues, errors);
    }
}
