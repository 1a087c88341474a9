using System.Net;
using Portal.Testing;
using Xunit;

namespace Portal.Host.Tests;

public sealed class SecurityHeadersTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_static_files_errors_and_the_health_check_carry_the_security_headers(string provider)
    {
        await using var app = await PortalWebApp.StartAsync(provider);
        var browser = app.Browser();
        var samples = new (string Path, HttpStatusCode Status, string MediaType)[]
        {
            ("/", HttpStatusCode.OK, "text/html"),
            ("/Account/SignIn", HttpStatusCode.OK, "text/html"),
            ("/_content/Portal.Web/css/site.css", HttpStatusCode.OK, "text/css"),
            ("/_content/Portal.Web/lib/bootstrap/js/bootstrap.bundle.min.js", HttpStatusCode.OK, "text/javascript"),
            ("/robots.txt", HttpStatusCode.OK, "text/plain"),
            ("/no/such/page", HttpStatusCode.NotFound, "text/html"),
            ("/healthz", HttpStatusCode.OK, "application/json"),
        };
        foreach (var (path, status, mediaType) in samples)
        {
            using var response = await browser.GetAsync(path);
            Assert.True(response.StatusCode == status, $"GET {path} gave {(int)response.StatusCode}.");
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            AssertSecurityHeaders(path, response);
        }
    }

    internal static void AssertSecurityHeaders(string path, HttpResponseMessage response)
    {
        var csp = Header(response, "Content-Security-Policy");
        Assert.True(csp is not null, $"GET {path}: no Content-Security-Policy.");
        var directives = csp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "", StringComparer.Ordinal);
        var scripts = directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src");
        Assert.True(scripts is not null, $"GET {path}: the CSP does not restrict scripts: {csp}");
        Assert.DoesNotContain("'unsafe-inline'", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", scripts, StringComparison.Ordinal);
        Assert.Equal("'none'", directives.GetValueOrDefault("frame-ancestors"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.False(string.IsNullOrEmpty(Header(response, "Referrer-Policy")), $"GET {path}: no Referrer-Policy.");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
