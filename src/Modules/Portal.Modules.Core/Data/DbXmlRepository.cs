using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Portal.Modules.Core.Data;

/// <summary>Data Protection keys in the database, so every node behind a load balancer reads the
/// same keys (cookies and tokens issued by one node are valid on the others).</summary>
internal sealed class DbXmlRepository(IDb db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var c = db.OpenAsync().GetAwaiter().GetResult();
        return c.Query<string>("SELECT xml FROM dp_keys ORDER BY id").Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync("INSERT INTO dp_keys (friendly_name, xml) VALUES (@friendlyName, @xml)",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) }, tx)).GetAwaiter().GetResult();
}
