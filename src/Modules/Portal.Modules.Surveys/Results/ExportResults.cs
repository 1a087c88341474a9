using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using MediatR;
using Microsoft.Extensions.Localization;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.Surveys.SurveyTemplates;
using Portal.Web.Export;
using Portal.Web.Formatting;

namespace Portal.Modules.Surveys.Results;

/// <summary>Every response of the chosen version and period as CSV (UTF-8 with BOM, formula cells neutralised), one row a
/// response: id, submitted at (vendor time), channel, organisation, product, engineer, instructor, subject, the header
/// fields, one column per question (rating 1..5 or "N/A", the choice's text, the text) and a remark column after each
/// question that takes a remark. Streamed: the rows are read unbuffered and written as they come.</summary>
public sealed record ExportResults(ClaimsPrincipal User, ResultsArgs Args, bool OwnOrganisation) : IRequest<ExportResults.Result?>
{
    public sealed record Result(string FileName, Func<Stream, CancellationToken, Task> WriteAsync);

    /// <summary>Null when the user may not see results or there is no template.</summary>
    internal sealed class Handler(IMediator mediator, TemplateStore templates, ResultsQueries queries, TimeProvider clock, DisplayTime time,
        IStringLocalizer localizer) : IRequestHandler<ExportResults, Result?>
    {
        public async Task<Result?> Handle(ExportResults request, CancellationToken ct)
        {
            var scope = await ResultsScope.OfAsync(mediator, request.User, request.OwnOrganisation, ct);
            if (!scope.Allowed) return null;
            var selection = await ResultsSelection.ResolveAsync(templates, clock, time, request.Args, scope, ct);
            if (selection.Version is not { } version || selection.Filter is not { } filter) return null;
            var organisations = (await mediator.Send(new ListOrganisations(), ct)).ToDictionary(o => o.Id, o => o.Name);
            var chinese = !CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);
            var questions = version.Content.Sections.SelectMany(s => s.Questions).ToList();
            var header = new List<string>
            {
                localizer["Response"], localizer["Submitted at"], localizer["Channel"], localizer["Organisation"], localizer["Product"],
                localizer["Engineer"], localizer["Instructor"], localizer["Subject"],
            };
            header.AddRange(version.Content.HeaderFields.Select(h => h.Pick(chinese)));
            var number = 0;
            foreach (var q in questions)
            {
                var label = string.Create(CultureInfo.InvariantCulture, $"{++number}. {(chinese ? q.TextZh : q.TextEn)}");
                header.Add(label);
                if (q.AllowRemark) header.Add(localizer["Remark: {0}", label]);
            }
            var notApplicable = localizer["N/A"].Value;
            var name = string.Create(CultureInfo.InvariantCulture, $"survey-{version.Code}-v{version.Number}-{selection.From:yyyyMMdd}-{selection.To:yyyyMMdd}.csv");
            return new Result(name, (output, token) => CsvFile.WriteAsync(output, header, RowsAsync(token), token));

            async IAsyncEnumerable<IReadOnlyList<string>> RowsAsync([EnumeratorCancellation] CancellationToken token)
            {
                await foreach (var row in queries.ExportAsync(filter, token)) yield return Cells(row);
            }

            IReadOnlyList<string> Cells(ExportRow row)
            {
                var cells = new List<string>(header.Count)
                {
                    row.ResponseId.ToString(CultureInfo.InvariantCulture), time.DateTime(row.SubmittedAt), row.Channel,
                    organisations.GetValueOrDefault(row.Organisation, row.Organisation.ToString(CultureInfo.InvariantCulture)),
                    row.Product, row.Engineer, row.Instructor, row.Subject,
                };
                for (var h = 0; h < version.Content.HeaderFields.Count; h++) cells.Add(h < row.Header.Count ? row.Header[h] ?? "" : "");
                foreach (var q in questions)
                {
                    row.Answers.TryGetValue(q.Id, out var a);
                    cells.Add(a is null ? "" : q.Kind switch
                    {
                        QuestionKinds.Rating => a.NotApplicable ? notApplicable : a.Rating?.ToString(CultureInfo.InvariantCulture) ?? "",
                        QuestionKinds.Choice => a.Choice is { } k && k >= 1 && k <= q.Choices.Count ? q.Choices[k - 1].Pick(chinese) : "",
                        _ => a.Text ?? "",
                    });
                    if (q.AllowRemark) cells.Add(a?.Remark ?? "");
                }
                return cells;
            }
        }
    }
}
