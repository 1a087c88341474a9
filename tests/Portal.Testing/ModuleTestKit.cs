using Dapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Core.Data;

namespace Portal.Testing;

/// <summary>What every module's test kit has: a test database, the service provider built on it,
/// requests sent in a scope of their own, direct reads for assertions, and clean-up of both.</summary>
public abstract class ModuleTestKit(TestDatabase database, ServiceProvider services) : IAsyncDisposable
{
    public TestDatabase Database { get; } = database;

    public ServiceProvider Services { get; } = services;

    public IDb Db => Services.GetRequiredService<IDb>();

    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await Db.OpenAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var c = await Db.OpenAsync();
        return [.. await c.QueryAsync<T>(sql, args)];
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
