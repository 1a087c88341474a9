using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Portal.Host.Tests.BadInput;

/// <summary>How hard an endpoint is walked as a persona: refused by authorization (one request per
/// handler), in full (every bad value in every field; one persona per endpoint) or a sample.</summary>
internal enum WalkMode { Refused, Full, Sample }

/// <summary>Sends every GET and POST of the catalog as one persona with each nasty value in each
/// field, one field at a time, and collects what went wrong.</summary>
internal sealed partial class BadInputWalk(HttpClient browser, string persona, RowCounts rows, List<string> failures)
{
    /// <summary>POST handlers not walked (route, or route?handler=name), with the reason. They bind
    /// nothing, so there is no bad value to send, and they would end the role's session or second factor.</summary>
    public static readonly IReadOnlyDictionary<string, string> SkippedPosts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/Account/SignOut"] = "signs the role out",
        ["/Account/TwoFactor?handler=SignInAgain"] = "signs the role out",
        ["/Account/TwoFactor?handler=Disable"] = "turns the role's two-factor off",
        ["/Account/TwoFactor?handler=Reset"] = "replaces the role's authenticator key and drops its second factor",
    };

    private static readonly HtmlParser Parser = new();
    private string? token;

    /// <summary>The last row counts, while no POST since can have changed them (null: count again).</summary>
    private Dictionary<string, long>? counted;

    public int Requests { get; private set; }

    public int Failed { get; private set; }

    /// <summary>What a plain GET of the endpoint gives this persona.</summary>
    public async Task<string> ProbeAsync(WalkEndpoint endpoint)
    {
        using var probe = await SendAsync(HttpMethod.Get, Url(endpoint.Pattern, null, null, ""), null, "probe");
        return probe is null ? Outcome.Error : Outcome.Of(probe).Class;
    }

    public static bool IsRefused(string outcome) => outcome is Outcome.SignIn or Outcome.SecondFactor or Outcome.Forbidden;

    public static bool IsSkipped(WalkEndpoint endpoint, WalkHandler handler) =>
        SkippedPosts.ContainsKey(endpoint.Route) || SkippedPosts.ContainsKey($"{endpoint.Route}?handler={handler.Name}");

    private static IEnumerable<string> Values(FieldKind kind, WalkMode mode) => mode switch
    {
        WalkMode.Full => NastyValues.For(kind),
        WalkMode.Sample => NastyValues.Sample(kind),
        _ => NastyValues.For(kind).Take(1),
    };

    /// <summary>Every GET handler of the endpoint: refused, one request each; otherwise each bad value in each field.</summary>
    public async Task GetsAsync(WalkEndpoint endpoint, WalkMode mode)
    {
        foreach (var handler in endpoint.Handlers.Where(h => h.Method == HttpMethods.Get))
        {
            var handlerQuery = handler.Name is null ? "" : "handler=" + handler.Name;
            var fields = handler.Fields.Where(f => f.Kind != FieldKind.File).ToList();
            if (mode == WalkMode.Refused)
            {
                var first = fields.FirstOrDefault();
                var query = first is null ? handlerQuery : Join(handlerQuery, $"{Uri.EscapeDataString(first.Name)}={Values(first.Kind, mode).First()}");
                (await SendAsync(HttpMethod.Get, Url(endpoint.Pattern, null, null, query), null, first?.Name ?? "(refused)"))?.Dispose();
                continue;
            }
            if (handler.Name is null)
            {
                foreach (var route in endpoint.RouteFields)
                    // Empty would change the route; NUL in a path is refused by Kestrel itself with 400
                    // (the in-memory test server cannot even send it).
                    foreach (var value in Values(route.Kind, mode).Where(v => v.Length > 0 && !v.Contains("%00", StringComparison.Ordinal)))
                        (await SendAsync(HttpMethod.Get, Url(endpoint.Pattern, route.Name, value, handlerQuery), null, $"route {route.Name}={NastyValues.Show(value)}"))?.Dispose();
            }
            foreach (var field in fields)
                foreach (var value in Values(field.Kind, mode))
                {
                    var query = Join(handlerQuery, $"{Uri.EscapeDataString(field.Name)}={value}");
                    (await SendAsync(HttpMethod.Get, Url(endpoint.Pattern, null, null, query), null, $"{field.Name}={NastyValues.Show(value)}"))?.Dispose();
                }
        }
    }

    /// <summary>Every POST handler of the endpoint. Refused by authorization: one request each, its
    /// rows counted only for the first role refused (<paramref name="countedRefusals"/>).</summary>
    public async Task PostsAsync(WalkEndpoint endpoint, WalkMode mode, ISet<string> countedRefusals)
    {
        foreach (var handler in endpoint.Handlers.Where(h => h.Method == HttpMethods.Post && !IsSkipped(endpoint, h)))
        {
            token ??= await TokenAsync();
            var url = Url(endpoint.Pattern, null, null, handler.Name is null ? "" : "handler=" + handler.Name);
            var fields = handler.Fields.Where(f => f.Kind != FieldKind.File).ToList();
            if (fields.Count == 0 || mode == WalkMode.Refused)
            {
                var first = fields.FirstOrDefault();
                var value = first is null ? null : Values(first.Kind, WalkMode.Refused).First();
                var count = mode != WalkMode.Refused || countedRefusals.Add($"{endpoint.Route}?handler={handler.Name}");
                await PostOnceAsync(url, Body(fields, first, value), first is null ? "(no fields)" : $"{first.Name}={NastyValues.Show(value!)}", count);
                continue;
            }
            foreach (var field in fields)
                // Text fields get five values on POST (NastyValues.ForPost).
                foreach (var value in Values(field.Kind, mode).Where(v => field.Kind != FieldKind.Text || NastyValues.ForPost(v)))
                    await PostOnceAsync(url, Body(fields, field, value), $"{field.Name}={NastyValues.Show(value)}", count: true);
        }
    }

    /// <summary>Sends one POST; when it is refused, the rows must be as before it. The counts after
    /// a refused POST are the counts before the next one (nothing else writes between them).</summary>
    private async Task PostOnceAsync(string url, string body, string what, bool count)
    {
        if (!count)
        {
            (await SendAsync(HttpMethod.Post, url, body, what))?.Dispose();
            counted = null;
            return;
        }
        var before = counted ?? await rows.SnapshotAsync();
        counted = null;
        using var response = await SendAsync(HttpMethod.Post, url, body, what);
        if (response is null || !Refused(response)) return;
        var after = await rows.SnapshotAsync();
        var changed = RowCounts.Difference(before, after);
        if (changed.Length > 0) Fail($"POST {Short(url)} [{what}] was refused ({Describe(response)}) but changed rows: {changed}");
        else counted = after;
    }

    private string Body(List<WalkField> fields, WalkField? nasty, string? value)
    {
        var body = new StringBuilder("__RequestVerificationToken=").Append(Uri.EscapeDataString(token!));
        foreach (var field in fields)
            body.Append('&').Append(Uri.EscapeDataString(field.Name)).Append('=')
                .Append(field == nasty ? value : Uri.EscapeDataString(NastyValues.Harmless(field.Kind)));
        return body.ToString();
    }

    private async Task<HttpResponseMessage?> SendAsync(HttpMethod method, string url, string? body, string what)
    {
        Requests++;
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
        HttpResponseMessage response;
        try
        {
            response = await browser.SendAsync(request);
        }
        catch (Exception e)
        {
            Fail($"{method} {Short(url)} [{what}] threw {e.GetType().Name}: {e.Message}");
            return null;
        }
        var status = (int)response.StatusCode;
        var text = IsText(response) ? await response.Content.ReadAsStringAsync() : "";
        if (status >= 500) Fail($"{method} {Short(url)} [{what}] gave {status}{Excerpt(text)}");
        else if (Leak().Match(text) is { Success: true } leak) Fail($"{method} {Short(url)} [{what}] gave {status} with `{leak.Value.Trim()}`{Excerpt(text, leak.Index)}");
        return response;
    }

    /// <summary>Refused: an error status, the form shown again (200), or sent to sign in, two-factor or an error page.</summary>
    private static bool Refused(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300 or >= 400) return true;
        var location = response.Headers.Location?.OriginalString ?? "";
        return location.StartsWith("/Account/SignIn", StringComparison.Ordinal) || location.StartsWith("/Account/TwoFactor", StringComparison.Ordinal)
            || location.StartsWith("/Error", StringComparison.Ordinal);
    }

    private async Task<string> TokenAsync()
    {
        // The layout's language form carries a token on every page; one per browser serves every form.
        var html = await (await browser.GetAsync("/")).Content.ReadAsStringAsync();
        return Parser.ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on / for {persona}.");
    }

    /// <summary>The route with required values set to a sample (optional ones left out), one
    /// parameter given <paramref name="value"/> as it is (already encoded), and the query.</summary>
    private static string Url(RoutePattern pattern, string? name, string? value, string query)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal: text.Append(literal.Content); break;
                    case RoutePatternSeparatorPart separator: text.Append(separator.Content); break;
                    case RoutePatternParameterPart parameter when parameter.Name == name: text.Append(value); break;
                    case RoutePatternParameterPart parameter when !parameter.IsOptional && parameter.Default is null && !parameter.IsCatchAll:
                        text.Append(Sample(parameter));
                        break;
                }
            }
            if (text.Length > 0) segments.Add(text.ToString());
        }
        var path = "/" + string.Join('/', segments);
        return query.Length == 0 ? path : path + "?" + query;
    }

    /// <summary>A value that exists in the demo data where one is needed.</summary>
    private static string Sample(RoutePatternParameterPart parameter)
    {
        var constraints = string.Join(',', parameter.ParameterPolicies.Select(p => p.Content ?? ""));
        if (constraints.Contains("guid", StringComparison.OrdinalIgnoreCase)) return "00000000-0000-0000-0000-000000000001";
        if (constraints.Contains("bool", StringComparison.OrdinalIgnoreCase)) return "true";
        return parameter.Name switch
        {
            "lang" => "zh-CN",
            "month" => "2026-01",
            _ => "1",
        };
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "&" + b;

    private static bool IsText(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } type && (type.StartsWith("text/", StringComparison.Ordinal) || type.Contains("json", StringComparison.Ordinal));

    private static string Describe(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? $"{(int)response.StatusCode} → {location.OriginalString}" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Short(string url) => url.Length > 160 ? url[..160] + "…" : url;

    private static string Excerpt(string text, int at = -1)
    {
        if (text.Length == 0) return "";
        var start = at < 0 ? 0 : Math.Max(0, at - 100);
        return ": " + text.Substring(start, Math.Min(300, text.Length - start)).ReplaceLineEndings(" ");
    }

    private void Fail(string message)
    {
        Failed++;
        lock (failures) failures.Add($"{persona}: {message}");
    }

    /// <summary>Stack frames and exception or database-driver text.</summary>
    [GeneratedRegex(@"\n\s+at [\w.`<>]+\.[\w<>`]+\(|\b[A-Z]\w*Exception\b|Npgsql|SQLite Error|\bSystem\.[A-Z]\w*\.[A-Z]")]
    private static partial Regex Leak();
}
