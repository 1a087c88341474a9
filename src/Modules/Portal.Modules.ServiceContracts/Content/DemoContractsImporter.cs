using Dapper;
using MediatR;
using Portal.Modules.Accounts.Contracts;
using Portal.Modules.ServiceContracts.Entitlements;
using Portal.Modules.ServiceContracts.Periods;
using Portal.Modules.Core.Content;
using Portal.Modules.Core.Data;

namespace Portal.Modules.ServiceContracts.Content;

/// <summary>The <c>contracts:</c> of each organisation in content/demo/organizations.yaml: demo mode
/// only, and only while sc_contracts is empty. Runs after Accounts (organisations) and the catalog
/// (products). Each period goes through <see cref="ContractWriter"/>, so the demo obeys the same
/// rules as the staff pages (no overlap, renewals chained).</summary>
internal sealed class DemoContractsImporter(IDb db, IMediator mediator, ContractWriter writer, VendorDays days) : IContentImporter
{
    public int Order => 30;

    internal sealed class DemoFile
    {
        public List<object> Staff { get; set; } = [];
        public List<DemoOrganisation> Organizations { get; set; } = [];
    }

    internal sealed class DemoOrganisation
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? AccountManager { get; set; }
        public List<object> Users { get; set; } = [];
        public List<object>? Installations { get; set; }
        public List<DemoContract>? Contracts { get; set; }
    }

    internal sealed class DemoContract
    {
        public string Product { get; set; } = "";
        public string Kind { get; set; } = ContractRules.Free;
        public string Level { get; set; } = ContractRules.Standard;
        public string Starts { get; set; } = "";
        public int Months { get; set; } = ContractRules.DefaultMonths;
        public bool MajorUpgrades { get; set; }
        public int Trainings { get; set; } = ContractRules.DefaultTrainingsPerYear;
        public string? Reference { get; set; }
        public string? Notes { get; set; }
    }

    public async Task ImportAsync(ContentImport import, CancellationToken ct)
    {
        var path = import.PathOf("demo", "organizations.yaml");
        if (!import.Demo || !File.Exists(path)) return;
        await using (var c = await db.OpenAsync(ct))
        {
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sc_contracts") > 0) return;
        }
        var demo = Yaml.Read<DemoFile>(import, path);
        if (demo is null) return;
        var today = days.Today;
        foreach (var org in demo.Organizations.Where(o => o.Contracts is { Count: > 0 }))
        {
            var organisation = await mediator.Send(new FindOrganisationByCode(org.Code), ct);
            if (organisation is null)
            {
                import.Error(path, null, $"{org.Code}: organisation not found; its contracts are skipped");
                continue;
            }
            foreach (var contract in org.Contracts!)
                await ImportAsync(import, path, organisation.Id, org.Code, contract, today, ct);
        }
    }

    private async Task ImportAsync(ContentImport import, string path, long organisationId, string orgCode, DemoContract contract, DateOnly today, CancellationToken ct)
    {
        var what = $"{orgCode} {contract.Product} {contract.Starts}";
        long? productId;
        IReadOnlyList<ServicePeriod> previous;
        await using (var c = await db.OpenAsync(ct))
        {
            productId = await PeriodQueries.ProductIdAsync(c, contract.Product);
            previous = productId is null ? [] : await PeriodQueries.ForProductAsync(c, organisationId, productId.Value);
        }
        if (productId is null)
        {
            import.Error(path, null, $"{what}: unknown product '{contract.Product}'");
            return;
        }
        DateOnly startsOn;
        if (contract.Starts.Trim() == DemoDate.Renewal)
        {
            if (ContractRules.RenewalStart(previous) is not { } chained)
            {
                import.Error(path, null, $"{what}: 'renewal' needs an earlier period of the same product above it");
                return;
            }
            startsOn = chained;
        }
        else if (!DemoDate.TryResolve(contract.Starts, today, out startsOn))
        {
            import.Error(path, null, $"{what}: starts must be today, today-N, today+N, yyyy-MM-dd or renewal");
            return;
        }
        var input = new ContractInput
        {
            OrganisationId = organisationId, ProductId = productId, Kind = contract.Kind, ServiceLevel = contract.Level, StartsOn = startsOn,
            Months = contract.Months, MajorUpgrades = contract.MajorUpgrades, TrainingsPerYear = contract.Trainings,
            Reference = contract.Reference, Notes = contract.Notes,
        };
        var result = await writer.CreateAsync(input, actorId: null, ct);
        if (result.Succeeded)
            import.Count("demo contracts");
        else
            import.Error(path, null, $"{what}: {string.Format(System.Globalization.CultureInfo.InvariantCulture, result.Error ?? "refused", result.Args ?? [])}");
    }
}
