using MediatR;

namespace Portal.Modules.Accounts.Identity;

/// <summary>Writes one event to the security log (<see cref="AuditEvents"/>) for the pages whose step
/// itself runs on the sign-in cookie in the page (signing in, signing out): the outcome is known only
/// there. Everything else logs inside its own handler.</summary>
public sealed record RecordSecurityEvent(string Event, long? UserId, string? UserName, string? Detail = null) : IRequest<Unit>
{
    internal sealed class Handler(AuditLog audit) : IRequestHandler<RecordSecurityEvent, Unit>
    {
        public async Task<Unit> Handle(RecordSecurityEvent request, CancellationToken ct)
        {
            await audit.WriteAsync(request.Event, request.UserId, request.UserName, request.Detail, ct);
            return Unit.Value;
        }
    }
}
