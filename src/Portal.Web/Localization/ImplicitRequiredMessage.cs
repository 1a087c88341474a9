using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Portal.Web.Localization;

/// <summary>MVC adds an implicit required check to non-nullable properties; without a message of its
/// own it would say "The X field is required." in English. Giving it one makes it go through the
/// string table like every explicit attribute.</summary>
public sealed class ImplicitRequiredMessage : IValidationMetadataProvider
{
    public const string Message = "{0} is required.";

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        foreach (var required in context.ValidationMetadata.ValidatorMetadata.OfType<RequiredAttribute>())
        {
            if (string.IsNullOrEmpty(required.ErrorMessage) && required.ErrorMessageResourceType is null)
                required.ErrorMessage = Message;
        }
    }
}
