using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using MimeKit;
using Npgsql;
using Portal.Modules.Core.Data;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Host.Tests;

/// <summary>Issue 17 §5 with a real kill -9: a portal process is killed during a burst of
/// password-reset requests, while its outbox holds claimed emails, then started again on the same
/// database and data folder (so as the same node). Every acknowledged request ends with exactly one
/// .eml file in the pickup folder, and the dead process's claims are delivered long before their
/// two-minute lease would have run out.</summary>
public sealed partial class MailCrashTests(ITestOutputHelper output)
{
    private const int Users = 60;
    private const int Concurrency = 6;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["RateLimits:AuthPermitsPerMinute"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_portal_killed_during_a_burst_of_reset_mails_sends_each_once_and_takes_back_its_claims_when_restarted(string provider)
    {
        DapperTypeHandlers.Register();
        await using var db = await TestDatabase.CreateAsync(provider);
        var migrated = await HostProcess.RunAsync(db, "migrate");
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        var emails = Enumerable.Range(1, Users).Select(i => $"crash{i:000}@customer.example").ToList();
        await CreateUsersAsync(db, emails);

        var acknowledged = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<string>();
        var deadClaims = new List<Claim>();
        var queue = new ConcurrentQueue<string>(emails);
        // A kill can fall just after the node finished every claim (a loaded machine delivers fast
        // enough): then the node is started again and killed again, on the rest of the burst.
        for (var attempt = 1; deadClaims.Count == 0 && !queue.IsEmpty && attempt <= 5; attempt++)
        await using (var first = await RunningHost.StartAsync(db, Settings))
        {
            using var client = Client(first.Address);
            var token = await AntiforgeryTokenAsync(client);
            var killed = 0;
            var senders = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
            {
                while (Volatile.Read(ref killed) == 0 && queue.TryDequeue(out var email))
                {
                    try
                    {
                        using var response = await client.PostAsync(new Uri("/Account/ForgotPassword", UriKind.Relative), Form(token, email));
                        if (response.StatusCode == HttpStatusCode.Redirect) acknowledged.Add(email);
                        else refused.Add($"{email}: {(int)response.StatusCode}");
                    }
                    catch (HttpRequestException) when (Volatile.Read(ref killed) == 1)
                    {
                        // In flight when the process died: never acknowledged.
                    }
                }
            })).ToList();

            // Kill once part of the burst is acknowledged and the node holds claims it has not finished.
            while (!(acknowledged.Count >= Users / 4 && (await ClaimsAsync(db)).Count > 0) && !senders.All(s => s.IsCompleted))
                await Task.Delay(5);
            Volatile.Write(ref killed, 1);
            first.Kill();
            await Task.WhenAll(senders);
            deadClaims = await ClaimsAsync(db);
        }

        Assert.Empty(refused);
        var writtenNotMarked = await WrittenButNotMarkedSentAsync(db);
        output.WriteLine($"{provider}: {acknowledged.Count} of {Users} requests acknowledged before the kill; " +
            $"the dead process held {deadClaims.Count} claimed emails, {writtenNotMarked} of them already written to the pickup folder but not marked sent");
        Assert.True(deadClaims.Count > 0, "The kill fell when the node held no claims; nothing was tested.");

        var restarted = Stopwatch.StartNew();
        await using (var second = await RunningHost.StartAsync(db, Settings))
        {
            var started = restarted.Elapsed;
            await WaitUntilDrainedAsync(db, second);
            output.WriteLine($"{provider}: restarted node answered after {started.TotalSeconds:0.0} s and had delivered every email, " +
                $"the dead process's claims included, {restarted.Elapsed.TotalSeconds:0.0} s after its start (the lease is 120 s)");
        }

        // Delivered while the dead process's lease still ran: taken back, not waited out.
        var rows = (await OutboxAsync(db)).ToDictionary(r => r.Id);
        Assert.All(deadClaims, c => Assert.True(rows[c.Id].DispatchedAt < c.LockedUntil,
            $"outbox row {c.Id} was delivered at {rows[c.Id].DispatchedAt:O}, its dead claim ran until {c.LockedUntil:O}"));

        var files = Directory.GetFiles(Path.Combine(db.DataPath, "mail"), "*.eml").Select(f => (File: f, Mail: MimeMessage.Load(f))).ToList();
        var byRecipient = files.GroupBy(f => f.Mail.To.Mailboxes.Single().Address, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        Assert.All(acknowledged, email => Assert.Equal(1, byRecipient.GetValueOrDefault(email)));
        Assert.All(byRecipient, r => Assert.True(r.Value == 1, $"{r.Key} got {r.Value} emails"));
        Assert.Equal(files.Count, files.Select(f => f.Mail.MessageId).Distinct(StringComparer.Ordinal).Count());
        // A reset request is an outbox row that becomes an email row: one file per email row.
        Assert.Equal(rows.Values.Count(r => r.EventType == typeof(Portal.Modules.Notifications.Contracts.EmailRequested).FullName), files.Count);
        Assert.All(files, f => Assert.Matches(@"^msg-\d+\.\d+\.eml$", Path.GetFileName(f.File)));
        Assert.All(files, f => Assert.Matches(@"^portal-msg-\d+\.\d+@127\.0\.0\.1$", f.Mail.MessageId));
    }

    private sealed class Claim
    {
        public long Id { get; set; }
        public DateTimeOffset LockedUntil { get; set; }
    }

    private sealed class OutboxRow
    {
        public long Id { get; set; }
        public DateTimeOffset? DispatchedAt { get; set; }

        public string EventType { get; set; } = "";
    }

    // Claimed (leased) and not finished: what the node was delivering.
    private static async Task<List<Claim>> ClaimsAsync(TestDatabase db)
    {
        await using var c = Open(db);
        return (await c.QueryAsync<Claim>("""
            SELECT id AS Id, locked_until AS LockedUntil FROM outbox
            WHERE locked_until IS NOT NULL AND dispatched_at IS NULL AND dead_at IS NULL ORDER BY id
            """)).ToList();
    }

    private static async Task<List<OutboxRow>> OutboxAsync(TestDatabase db)
    {
        await using var c = Open(db);
        return (await c.QueryAsync<OutboxRow>("SELECT id AS Id, dispatched_at AS DispatchedAt, event_type AS EventType FROM outbox ORDER BY id")).ToList();
    }

    // Emails whose file exists but whose row is not marked sent: the kill fell between the two.
    private static async Task<int> WrittenButNotMarkedSentAsync(TestDatabase db)
    {
        await using var c = Open(db);
        var unsent = (await c.QueryAsync<long>("SELECT id FROM nt_messages WHERE state <> 'sent'")).ToHashSet();
        var folder = Path.Combine(db.DataPath, "mail");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "msg-*.eml").Count(f => unsent.Contains(long.Parse(Path.GetFileName(f).Split('-', '.')[1], CultureInfo.InvariantCulture)))
            : 0;
    }

    private static async Task WaitUntilDrainedAsync(TestDatabase db, RunningHost host)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using (var c = Open(db))
            {
                if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL AND dead_at IS NULL") == 0) return;
            }
            if (DateTime.UtcNow > until) Assert.Fail($"The restarted portal had not delivered every email after 60 s.\n{host.Log}");
            await Task.Delay(50);
        }
    }

    private static async Task CreateUsersAsync(TestDatabase db, IEnumerable<string> emails)
    {
        await using var c = Open(db);
        await c.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        foreach (var email in emails)
        {
            await c.ExecuteAsync("""
                INSERT INTO acc_users (user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp, concurrency_stamp, display_name, created_at)
                VALUES (@email, @Normalized, @email, @Normalized, TRUE, @Stamp, @Stamp, @Name, @Now)
                """, new { email, Normalized = email.ToUpperInvariant(), Stamp = Guid.NewGuid().ToString("N"), Name = email.Split('@')[0], Now = DateTimeOffset.UtcNow }, tx);
        }
        await tx.CommitAsync();
    }

    private static DbConnection Open(TestDatabase db) =>
        db.Provider == "postgres" ? new NpgsqlConnection(db.ConnectionString) : new SqliteConnection(db.ConnectionString);

    private static HttpClient Client(Uri address) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync(new Uri("/Account/ForgotPassword", UriKind.Relative));
        return AntiforgeryField().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The forgot-password page has no antiforgery token.");
    }

    private static FormUrlEncodedContent Form(string token, string email) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["Input.Email"] = email,
    });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
