using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Primitives;

namespace Portal.Web.Security;

/// <summary>A page asked with a NUL character (U+0000) in a query or form value answers 400 (the
/// "request not valid" error page) before its handler runs. No form or filter has a use for one,
/// and PostgreSQL refuses it in any text parameter (a 500 on every list filter otherwise).
/// Only a form that model binding or antiforgery already read is looked at: pages that stream
/// their body themselves (release and attachment uploads) are left to read it.</summary>
public sealed class NulCharactersRefused : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        // The error page shown for the 400 is asked with the same form; it binds none of it.
        if (context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null
            && (HasNul(request.Query) || context.HttpContext.Features.Get<IFormFeature>()?.Form is { } form && HasNul(form)))
        {
            context.Result = new BadRequestResult();
            return Task.CompletedTask;
        }
        return next();
    }

    private static bool HasNul(IEnumerable<KeyValuePair<string, StringValues>> values)
    {
        foreach (var (key, value) in values)
        {
            if (key.Contains('\0', StringComparison.Ordinal)) return true;
            foreach (var text in value)
                if (text is not null && text.Contains('\0', StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
