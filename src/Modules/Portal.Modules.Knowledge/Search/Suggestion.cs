namespace Portal.Modules.Knowledge.Search;

public sealed record Suggestion(string Title, string Url, string Type, string Lang);
