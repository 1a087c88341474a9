namespace Portal.Modules.Core.Modules;

/// <summary>The search box a module contributes to the header of every page: a GET form to
/// <see cref="Action"/> with the words in <c>q</c>, and as-you-type suggestions from
/// <see cref="SuggestUrl"/>?q= (a JSON array of { title, url } with site-relative urls). The
/// layout shows the first one registered, and none when no module registers one.</summary>
public sealed record SiteSearch(string Action, string SuggestUrl);
