namespace Portal.Modules.Feedback.Deflection;

/// <summary>One month of the deflection report.</summary>
public sealed class DeflectionMonth
{
    /// <summary>yyyy-MM in the vendor's time zone.</summary>
    public string Month { get; set; } = "";

    /// <summary>New-request forms on which suggestions were shown.</summary>
    public long Shown { get; set; }

    /// <summary>Suggested articles opened from those forms (an article opened twice counts twice).</summary>
    public long Opened { get; set; }

    /// <summary>Forms where an article was opened and which were not submitted within the hour after.</summary>
    public long Deflected { get; set; }

    /// <summary>Deflected / shown, or null when nothing was shown.</summary>
    public double? Rate => Shown == 0 ? null : (double)Deflected / Shown;
}
