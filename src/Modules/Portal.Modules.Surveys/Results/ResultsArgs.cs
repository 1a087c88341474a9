namespace Portal.Modules.Surveys.Results;

/// <summary>What the results form asks for; every part may be missing (then: the first general template, its current
/// version, the last 12 months up to today, all products and organisations).</summary>
public sealed record ResultsArgs(long? Template, int? Version, DateOnly? From, DateOnly? To, string? Product, long? Organisation);
