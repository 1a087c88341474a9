using Microsoft.Extensions.Options;
using Portal.Modules.Feedback.Domain;

namespace Portal.Modules.Feedback.Calendar;

/// <summary>Settings under "Feedback:WorkingHours": the vendor's working week for 5×8 service
/// targets. Make-up working days (调休) have the same periods.</summary>
public sealed class BusinessHoursOptions
{
    public const string Section = "Feedback:WorkingHours";

    /// <summary>Working days of the week: names or ranges, e.g. "Monday-Friday" or "Mon,Tue,Sat".</summary>
    public string Days { get; set; } = "Monday-Friday";

    /// <summary>Working periods of a working day, in the vendor's time zone, e.g. "09:00-12:00,13:00-18:00".</summary>
    public string Periods { get; set; } = "09:00-12:00,13:00-18:00";

    internal BusinessHours ToHours() =>
        BusinessHours.TryParse(Days, Periods, out var hours, out var error) ? hours : throw new OptionsValidationException(Section, typeof(BusinessHoursOptions), [error]);

    /// <summary>Stops the start with a clear message when the setting cannot be read.</summary>
    internal sealed class Validator : IValidateOptions<BusinessHoursOptions>
    {
        public ValidateOptionsResult Validate(string? name, BusinessHoursOptions options) =>
            BusinessHours.TryParse(options.Days, options.Periods, out _, out var error)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Section}: {error}");
    }
}
