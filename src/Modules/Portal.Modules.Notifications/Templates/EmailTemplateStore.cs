using System.Reflection;
using System.Text;
using Portal.Modules.Core.Modules;
using Portal.Web.Localization;

namespace Portal.Modules.Notifications.Templates;

/// <summary>The embedded templates, Templates/&lt;name&gt;.&lt;language&gt;.txt, read once. A file
/// starts with "Subject: ...", then a blank line, then the body. Every module may embed its own
/// templates (LogicalName "Templates/..."); names are prefixed with the module, e.g. "contracts.reminder".</summary>
internal sealed class EmailTemplateStore
{
    private const string ResourcePrefix = "Templates/";
    private const string SubjectPrefix = "Subject: ";

    private readonly Dictionary<(string Name, string Language), EmailTemplate> templates = [];

    public EmailTemplateStore(IEnumerable<PortalModule> modules)
        : this([.. modules.Select(m => m.Assembly).Append(typeof(EmailTemplateStore).Assembly).Distinct()])
    {
    }

    internal EmailTemplateStore(params Assembly[] assemblies)
    {
        foreach (var assembly in assemblies)
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".txt", StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var template = Parse(resource[ResourcePrefix.Length..^".txt".Length], reader.ReadToEnd());
            templates[(template.Name, template.Language)] = template;
        }
    }

    public IReadOnlyCollection<EmailTemplate> All => templates.Values;

    public EmailTemplate Get(string name, string language) =>
        templates.GetValueOrDefault((name, language))
        ?? throw new EmailTemplateException($"There is no email template \"{name}\" in {language}.");

    /// <summary>Parses one file; <paramref name="fileName"/> is "&lt;name&gt;.&lt;language&gt;".</summary>
    internal static EmailTemplate Parse(string fileName, string content)
    {
        var dot = fileName.LastIndexOf('.');
        var language = dot > 0 ? fileName[(dot + 1)..] : "";
        if (!PortalCultures.Supported.Contains(language))
            throw new InvalidOperationException($"Email template file \"{fileName}.txt\" must end in .{string.Join(".txt or .", PortalCultures.Supported)}.txt.");
        var name = fileName[..dot];
        var lines = content.ReplaceLineEndings("\n").TrimStart('\uFEFF').Split('\n');
        if (lines.Length < 3 || !lines[0].StartsWith(SubjectPrefix, StringComparison.Ordinal) || lines[1].Length != 0)
            throw new InvalidOperationException($"Email template \"{fileName}.txt\" must start with \"{SubjectPrefix}...\" and a blank line.");
        var subject = lines[0][SubjectPrefix.Length..].Trim();
        var body = string.Join('\n', lines.Skip(2)).Trim();
        if (subject.Length == 0 || body.Length == 0)
            throw new InvalidOperationException($"Email template \"{fileName}.txt\" has an empty subject or body.");
        CheckBraces(fileName, subject + "\n" + body);
        return new EmailTemplate(name, language, subject, body);
    }

    // Braces left after removing well-formed placeholders are typos such as "{{ name }}" or "{name}}",
    // which would otherwise reach the recipient verbatim.
    private static void CheckBraces(string fileName, string text)
    {
        var rest = EmailTemplate.Placeholder().Replace(text, "");
        if (rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal))
            throw new InvalidOperationException($"Email template \"{fileName}.txt\" has a malformed placeholder; write {{{{name}}}}.");
    }
}
