using MediatR;
using Portal.Modules.Accounts.Identity;
using Portal.Modules.Accounts.Invitations;
using Portal.Modules.Core.Data;
using Portal.Modules.Notifications.Contracts;

// Deliberately bad code the rule tests run their checkers on, to prove each rule can fail.
// The real checks only look at Portal.Modules.* assemblies, never at this one.
namespace Portal.Architecture.Tests.Fixtures;

/// <summary>Uses Accounts' non-contract types in its signatures.</summary>
internal sealed class LeakInSignatures
{
    public AuditLog? Log { get; set; }

    public static IReadOnlyList<InvitationService> Services(IDb db) => db is null ? [] : [];
}

/// <summary>Uses an Accounts type only inside a method body: invisible to reflection over members.</summary>
internal static class LeakInMethodBody
{
    public static int EventCount() => AuditEvents.All.Count;
}

/// <summary>Only what another module may use: the kernel and a Contracts type.</summary>
internal sealed class UsesContractsOnly
{
    public EmailRequested? Email { get; set; }

    public IDb? Db { get; set; }
}

public sealed record FixtureEvent : INotification;

public sealed class PublicFixtureHandler : INotificationHandler<FixtureEvent>
{
    public Task Handle(FixtureEvent notification, CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class InternalFixtureHandler : INotificationHandler<FixtureEvent>
{
    public Task Handle(FixtureEvent notification, CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static class FixtureSlice
{
    /// <summary>Public, but nested in an internal type: not visible outside the assembly.</summary>
    public sealed class Handler : INotificationHandler<FixtureEvent>
    {
        public Task Handle(FixtureEvent notification, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>A store: it takes IDb, so it is data access.</summary>
internal sealed class FixtureStore(Portal.Modules.Core.Data.IDb db)
{
    public Portal.Modules.Core.Data.IDb Db => db;
}

/// <summary>Takes a store, so it is data access too.</summary>
internal sealed class FixtureService(FixtureStore store)
{
    public FixtureStore Store => store;
}

public sealed class PageTakingDb(Portal.Modules.Core.Data.IDb db) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    public bool Ready => db is not null;
}

public sealed class PageTakingStore : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    internal PageTakingStore(FixtureService service) => Ready = service is not null;

    public bool Ready { get; }
}

public sealed class PageTakingFileStoreFromServices : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    public Task OnGetAsync([Microsoft.AspNetCore.Mvc.FromServices] Portal.Modules.Core.Files.IFileStore files) => Task.FromResult(files);
}

/// <summary>The slice style: the page takes the mediator; its nested handler takes the store.</summary>
public sealed class GoodSlicePage(IMediator mediator) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    public Task<int> OnGetAsync() => mediator.Send(new Query());

    public sealed record Query : IRequest<int>;

    internal sealed class Handler(FixtureStore store) : IRequestHandler<Query, int>
    {
        public Task<int> Handle(Query request, CancellationToken cancellationToken) => Task.FromResult(store.Db is null ? 0 : 1);
    }
}

/// <summary>SQL of a "Fixture" module that reads two other modules' tables.</summary>
internal static class CrossModuleSql
{
    public const string JoinsAccounts = "SELECT u.email FROM fx_requests r JOIN acc_users u ON u.id = r.user_id";

    public static string[] All() =>
    [
        JoinsAccounts,
        "SELECT COUNT(*) FROM kb_articles",
        "export/acc_users.csv",
        "accounts.invite",
    ];
}
