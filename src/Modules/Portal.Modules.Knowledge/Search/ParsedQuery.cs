namespace Portal.Modules.Knowledge.Search;

/// <summary>A word, "a phrase" or prefix* of a query, as the user typed it.</summary>
internal sealed record QueryUnit(string Text, bool Phrase, bool Prefix);

/// <summary>One required part of a query: any of its alternatives (joined by OR) must match.</summary>
internal sealed record QueryClause(IReadOnlyList<QueryUnit> Alternatives);

/// <summary>A parsed query: required clauses, excluded units and field filters.</summary>
internal sealed record ParsedQuery(
    IReadOnlyList<QueryClause> Clauses,
    IReadOnlyList<QueryUnit> Excluded,
    IReadOnlyDictionary<string, string> Filters)
{
    public bool IsEmpty => Clauses.Count == 0;
}
