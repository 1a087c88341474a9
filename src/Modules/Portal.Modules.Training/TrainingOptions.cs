namespace Portal.Modules.Training;

public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Materials should reach trainees this many days before a session (the service policy says 20).</summary>
    public int MaterialsDaysBefore { get; set; } = 20;

    /// <summary>A trainee may cancel (releasing the seat and the free training) until this long before the start.</summary>
    public TimeSpan CancelCutOff { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long a certificate is valid unless the course says otherwise.</summary>
    public int CertificateMonths { get; set; } = 24;
}
