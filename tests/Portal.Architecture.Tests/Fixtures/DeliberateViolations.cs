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
