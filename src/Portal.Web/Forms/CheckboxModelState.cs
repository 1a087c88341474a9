using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Portal.Web.Forms;

public static class CheckboxModelState
{
    /// <summary>The checkbox tag helper converts a posted value back to bool when the form is shown
    /// again and throws (a 500) on anything that is not one, e.g. a tampered `Input.RememberMe=abc`.
    /// <see cref="UnreadableCheckboxBinder"/> calls this for every bool bound: a value that did not
    /// bind keeps its validation error and is shown unticked.</summary>
    public static void UntickUnreadable(this ModelStateDictionary modelState, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (modelState.TryGetValue(key, out var entry) && entry.ValidationState == ModelValidationState.Invalid
                && !(entry.RawValue is string[] values ? values : [entry.AttemptedValue ?? ""]).All(v => bool.TryParse(v, out _)))
                modelState.SetModelValue(key, false, "false");
        }
    }
}
