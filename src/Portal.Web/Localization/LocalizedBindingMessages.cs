using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Portal.Web.Localization;

/// <summary>Model-binding errors ("the value 'x' is not valid") in the user's language.</summary>
public sealed class LocalizedBindingMessages(IStringLocalizer localizer) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var p = options.ModelBindingMessageProvider;
        string Required(string _) => localizer["A value is required."];
        string Invalid(string value) => localizer["The value '{0}' is not valid.", value];
        p.SetValueMustNotBeNullAccessor(Required);
        p.SetMissingBindRequiredValueAccessor(Required);
        p.SetMissingKeyOrValueAccessor(() => localizer["A value is required."]);
        p.SetMissingRequestBodyRequiredValueAccessor(() => localizer["A value is required."]);
        p.SetAttemptedValueIsInvalidAccessor((value, _) => Invalid(value));
        p.SetValueIsInvalidAccessor(Invalid);
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(Invalid);
        p.SetUnknownValueIsInvalidAccessor(_ => localizer["The value is not valid."]);
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["The value is not valid."]);
        p.SetNonPropertyValueMustBeANumberAccessor(() => localizer["The value must be a number."]);
        p.SetValueMustBeANumberAccessor(_ => localizer["The value must be a number."]);
    }
}
