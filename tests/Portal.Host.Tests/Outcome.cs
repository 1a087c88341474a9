using System.Net;

namespace Portal.Host.Tests;

/// <summary>What a GET gave, reduced to the class the authorization matrix records.</summary>
internal sealed record Outcome(string Class, int Status, string? Location)
{
    public const string Ok = "ok";
    public const string SignIn = "signin";
    public const string SecondFactor = "2fa";
    public const string Forbidden = "forbidden";
    public const string NotFound = "notfound";
    public const string Redirect = "redirect";
    public const string Error = "error";

    public static async Task<Outcome> GetAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path);
        return Of(response);
    }

    public static Outcome Of(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString;
        var kind = status switch
        {
            >= 200 and < 300 => Ok,
            >= 300 and < 400 => RedirectClass(PathOf(response.Headers.Location)),
            (int)HttpStatusCode.Forbidden => Forbidden,
            (int)HttpStatusCode.NotFound => NotFound,
            _ => Error,
        };
        return new Outcome(kind, status, location);
    }

    public override string ToString() => Location is null ? $"{Class} ({Status})" : $"{Class} ({Status} → {Location})";

    // The cookie handler sends a forbidden user to its AccessDeniedPath, /Error/403.
    private static string RedirectClass(string? path) => path switch
    {
        "/Account/SignIn" => SignIn,
        "/Account/TwoFactor" => SecondFactor,
        "/Error/403" => Forbidden,
        _ => Redirect,
    };

    private static string? PathOf(Uri? location)
    {
        if (location is null) return null;
        var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?', '#')[0];
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }
}
