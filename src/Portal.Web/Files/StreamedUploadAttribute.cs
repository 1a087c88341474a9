using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Portal.Web.Files;

/// <summary>Keeps model binding away from the request body, so a multipart upload can be streamed
/// by the handler instead of being read (and buffered) as a form first.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StreamedUploadAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var factories = context.ValueProviderFactories;
        foreach (var form in factories.Where(f => f is FormValueProviderFactory or FormFileValueProviderFactory or JQueryFormValueProviderFactory).ToList())
            factories.Remove(form);
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
