namespace Portal.Modules.Knowledge.Search;

public sealed record FacetValue(string Value, int Count);
