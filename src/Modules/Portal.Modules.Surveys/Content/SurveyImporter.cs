using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Modules.Core.Content;
using Portal.Modules.Surveys.SurveyTemplates;

namespace Portal.Modules.Surveys.Content;

/// <summary>content/surveys/*.yaml: one survey template a file (format: <see cref="SurveyFile"/>). Idempotent:
/// a template is matched by its code; a changed one gets a new version (versions are never changed in place).
/// A template with an error is reported with its file and skipped; the others import.</summary>
internal sealed class SurveyImporter(TemplateStore store, IOptions<SurveysOptions> options) : IContentImporter
{
    public const string Folder = "surveys";

    public int Order => 70;

    public async Task ImportAsync(ContentImport import, CancellationToken ct)
    {
        var root = import.PathOf(Folder);
        if (!Directory.Exists(root)) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(root, "*.yaml").Order(StringComparer.Ordinal))
        {
            var file = Yaml.Read<SurveyFile>(import, path);
            if (file is null) continue;
            var code = file.Code?.Trim() ?? "";
            if (code.Length == 0 || !seen.Add(code))
            {
                import.Error(path, null, code.Length == 0 ? "the code is missing" : $"{code}: the code is used by another file");
                continue;
            }
            if (!QuestionKinds.Purposes.Contains(file.Purpose))
            {
                import.Error(path, null, $"{code}: purpose must be one of {string.Join(", ", QuestionKinds.Purposes)}");
                continue;
            }
            var content = file.ToContent();
            var problems = TemplateRules.Check(content, options.Value.MaxTextLength);
            if (problems.Count > 0)
            {
                foreach (var p in problems) import.Error(path, null, $"{code}: {string.Format(CultureInfo.InvariantCulture, p.Message, p.Args)}");
                continue;
            }
            switch (await store.ImportAsync(code, file.Purpose!, content, ct))
            {
                case TemplateStore.ImportOutcome.Added: import.Count("survey templates"); break;
                case TemplateStore.ImportOutcome.NewVersion: import.Count("survey template versions"); break;
                case TemplateStore.ImportOutcome.PurposeChanged: import.Count("survey templates updated"); break;
            }
        }
    }
}
