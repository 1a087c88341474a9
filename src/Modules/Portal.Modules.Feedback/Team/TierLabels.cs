namespace Portal.Modules.Feedback.Team;

/// <summary>The three support tiers as the service policy names them (English keys; Chinese in staff.zh-CN.strings.json).</summary>
public static class TierLabels
{
    public static string Name(int tier) => tier switch
    {
        1 => "Tier 1: local service specialist",
        2 => "Tier 2: maintenance team",
        _ => "Tier 3: product and R&D",
    };
}
