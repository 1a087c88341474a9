namespace Portal.Modules.Feedback.Domain;

/// <summary>One day of the holiday calendar: a public holiday or a make-up working day, with the
/// name of the holiday it belongs to (e.g. 国庆节 for both the days off and the 调休 Saturday).</summary>
internal sealed record HolidayDay(DateOnly Day, HolidayKind Kind, string Name);
