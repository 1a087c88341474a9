using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Web.Forms;

/// <summary>Binds a bool as usual; a posted value that is not one (a tampered `Input.RememberMe=abc`)
/// keeps its validation error and is shown unticked when the form comes back, instead of the checkbox
/// tag helper throwing (a 500) on it. One mechanism for every form.</summary>
public sealed class UnreadableCheckboxBinder(IModelBinder inner) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        await inner.BindModelAsync(bindingContext);
        var modelState = bindingContext.ModelState;
        if (modelState.TryGetValue(bindingContext.ModelName, out var entry) && entry.ValidationState == ModelValidationState.Invalid
            && !(entry.RawValue is string[] values ? values : [entry.AttemptedValue ?? ""]).All(v => bool.TryParse(v, out _)))
            modelState.SetModelValue(bindingContext.ModelName, false, "false");
    }

    public sealed class Provider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.UnderlyingOrModelType == typeof(bool) && !context.Metadata.IsComplexType
                ? new UnreadableCheckboxBinder(new SimpleTypeModelBinder(context.Metadata.ModelType,
                    context.Services.GetRequiredService<ILoggerFactory>()))
                : null;
    }
}
