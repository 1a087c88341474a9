using Portal.Modules.ServiceContracts.Contracts;
using Portal.Modules.Training.Enrollments;
using Portal.Testing;
using Xunit;

namespace Portal.Modules.Training.Tests;

public sealed class EnrollmentTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FiftySimultaneousEnrollmentsForTenSeatsEndWithTenEnrolledAndFortyWaitlistedInOrder(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync(capacity: 10);
        var organisation = await kit.OrganisationAsync("RACE", trainingsPerYear: 1);
        var trainees = new List<Portal.Modules.Accounts.Contracts.OrganisationContact>();
        for (var i = 0; i < 50; i++) trainees.Add(await kit.ContactAsync(organisation));

        var outcomes = await Task.WhenAll(trainees.Select(t => Task.Run(() => kit.EnrollAsync(session, organisation, t))));

        Assert.Equal(10, outcomes.Count(o => o == EnrollOutcome.Enrolled));
        Assert.Equal(40, outcomes.Count(o => o == EnrollOutcome.Waitlisted));
        var rows = await kit.RowsAsync(session);
        Assert.Equal(10, rows.Count(r => r.State == "enrolled"));
        var line = rows.Where(r => r.State == "waitlisted").OrderBy(r => r.Id).ToList();
        Assert.Equal(40, line.Count);
        // The line is in the order the enrollments were written, without gaps or ties.
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long?)i), line.Select(r => r.WaitlistPosition));
        Assert.True(rows.Where(r => r.State == "enrolled").Max(r => r.Id) < line.Min(r => r.Id));
        Assert.Equal(1, await kit.UsedTrainingsAsync(organisation)); // one free training per organisation and session
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CancellingPromotesTheFirstOnTheWaitlistAndEmailsThemWithTheCalendarInvitation(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync(capacity: 1);
        var first = await kit.OrganisationAsync("FIRST", trainingsPerYear: 1);
        var second = await kit.OrganisationAsync("SECOND", trainingsPerYear: 1);
        var ann = await kit.ContactAsync(first);
        var bob = await kit.ContactAsync(second, language: "en");
        var cat = await kit.ContactAsync(second);

        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(session, first, ann));
        Assert.Equal(EnrollOutcome.Waitlisted, await kit.EnrollAsync(session, second, bob));
        Assert.Equal(EnrollOutcome.Waitlisted, await kit.EnrollAsync(session, second, cat));
        Assert.Equal(1, await kit.UsedTrainingsAsync(first));
        Assert.Equal(0, await kit.UsedTrainingsAsync(second)); // a waitlisted trainee holds no free training yet
        Assert.Single(await kit.EmailsAsync(EnrollmentEmails.Enrolled));
        Assert.Equal(2, (await kit.EmailsAsync(EnrollmentEmails.Waitlisted)).Count);

        var annRow = (await kit.RowsAsync(session)).Single(r => r.TraineeUserId == ann.UserId);
        Assert.Equal(CancelOutcome.Cancelled, await kit.WithWorkflowAsync(w => w.CancelAsync(annRow.Id, ann.UserId, first, CancellationToken.None)));

        var rows = await kit.RowsAsync(session);
        Assert.Equal("enrolled", rows.Single(r => r.TraineeUserId == bob.UserId).State);
        Assert.Equal("free", rows.Single(r => r.TraineeUserId == bob.UserId).Billing);
        Assert.Equal("waitlisted", rows.Single(r => r.TraineeUserId == cat.UserId).State);
        Assert.Equal(0, await kit.UsedTrainingsAsync(first)); // given back with the organisation's last seat
        Assert.Equal(1, await kit.UsedTrainingsAsync(second));
        var promoted = Assert.Single(await kit.EmailsAsync(EnrollmentEmails.Promoted));
        Assert.Equal(bob.Email, promoted.To);
        Assert.Equal("en", promoted.Language);
        Assert.Equal("https://portal.example/Training/Mine", promoted.Values["link"]);
        var ics = Assert.Single(promoted.Attachments!);
        Assert.StartsWith("text/calendar", ics.ContentType, StringComparison.Ordinal);
        Assert.Equal(ann.Email, Assert.Single(await kit.EmailsAsync(EnrollmentEmails.Cancelled)).To);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheInvitationParsesBackWithAStableUidTheSessionSequenceAndTheVendorTimeZone(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync(capacity: 5, sequence: 3);
        var organisation = await kit.OrganisationAsync("ICS");
        var ann = await kit.ContactAsync(organisation);
        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(session, organisation, ann));

        var email = Assert.Single(await kit.EmailsAsync(EnrollmentEmails.Enrolled));
        var calendar = Ical.Net.Calendar.Load(Assert.Single(email.Attachments!).Content)!;
        var evt = Assert.Single(calendar.Events);
        Assert.Equal($"tr-session-{session}-{ann.UserId}@portal.example", evt.Uid);
        Assert.Equal(3, evt.Sequence);
        Assert.Equal("Asia/Shanghai", evt.DtStart!.TzId);
        Assert.Equal(9, evt.DtStart.Value.Hour); // 01:00 UTC is 09:00 in Shanghai
        Assert.Equal("Asia/Shanghai", Assert.Single(calendar.TimeZones).TzId);
        Assert.Equal("KMS 系统管理员基础培训", evt.Summary);
        var row = Assert.Single(await kit.RowsAsync(session));
        Assert.Equal(row.StartsAt.UtcDateTime, evt.DtStart.AsUtc);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WithoutAServicePeriodOrWithTheYearsTrainingsUsedTheEnrollmentIsAPaidRequestStaffConfirm(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var first = await kit.SessionAsync(capacity: 1);
        var second = await kit.SessionAsync(capacity: 1);
        var uncovered = await kit.OrganisationAsync("NONE", trainingsPerYear: null);
        var covered = await kit.OrganisationAsync("ONE", trainingsPerYear: 1);
        var nobody = await kit.ContactAsync(uncovered);
        var ann = await kit.ContactAsync(covered);
        var bob = await kit.ContactAsync(covered);

        Assert.Equal(EnrollOutcome.Requested, await kit.EnrollAsync(first, uncovered, nobody));
        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(first, covered, ann));
        Assert.Equal(EnrollOutcome.Requested, await kit.EnrollAsync(second, covered, bob)); // the year's one training is used
        Assert.Equal(1, await kit.UsedTrainingsAsync(covered));
        Assert.Empty(await kit.EmailsAsync(EnrollmentEmails.Waitlisted));

        var request = (await kit.RowsAsync(first)).Single(r => r.TraineeUserId == nobody.UserId);
        Assert.True(await kit.WithWorkflowAsync(w => w.DecideRequestAsync(request.Id, confirm: true, CancellationToken.None)));
        var confirmed = (await kit.RowsAsync(first)).Single(r => r.Id == request.Id);
        Assert.Equal(("waitlisted", "paid"), (confirmed.State, confirmed.Billing)); // the one seat is ann's

        var other = (await kit.RowsAsync(second)).Single();
        Assert.True(await kit.WithWorkflowAsync(w => w.DecideRequestAsync(other.Id, confirm: true, CancellationToken.None)));
        Assert.Equal(("enrolled", "paid"), ((await kit.RowsAsync(second)).Single().State, (await kit.RowsAsync(second)).Single().Billing));
        Assert.Equal(1, await kit.UsedTrainingsAsync(covered));

        // Ann cancels: her free training comes back and the confirmed paid request takes the seat as paid.
        var annRow = (await kit.RowsAsync(first)).Single(r => r.TraineeUserId == ann.UserId);
        Assert.Equal(CancelOutcome.Cancelled, await kit.WithWorkflowAsync(w => w.CancelAsync(annRow.Id, ann.UserId, covered, CancellationToken.None)));
        Assert.Equal(0, await kit.UsedTrainingsAsync(covered));
        Assert.Equal(("enrolled", "paid"), ((await kit.RowsAsync(first)).Single(r => r.Id == request.Id).State, (await kit.RowsAsync(first)).Single(r => r.Id == request.Id).Billing));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AWaitlistedTraineeWhoseOrganisationHasNoTrainingLeftBecomesAPaidRequestWhenASeatFrees(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var busy = await kit.SessionAsync(capacity: 1);
        var elsewhere = await kit.SessionAsync(capacity: 5);
        var a = await kit.OrganisationAsync("AAA", trainingsPerYear: 1);
        var b = await kit.OrganisationAsync("BBB", trainingsPerYear: 1);
        var ann = await kit.ContactAsync(a);
        var bob = await kit.ContactAsync(b);
        var bea = await kit.ContactAsync(b);

        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(busy, a, ann));
        Assert.Equal(EnrollOutcome.Waitlisted, await kit.EnrollAsync(busy, b, bob));
        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(elsewhere, b, bea)); // b's one training goes here

        var annRow = (await kit.RowsAsync(busy)).Single(r => r.TraineeUserId == ann.UserId);
        await kit.WithWorkflowAsync(w => w.CancelAsync(annRow.Id, ann.UserId, a, CancellationToken.None));

        var bobRow = (await kit.RowsAsync(busy)).Single(r => r.TraineeUserId == bob.UserId);
        Assert.Equal(("requested", "paid"), (bobRow.State, bobRow.Billing));
        Assert.Empty(await kit.EmailsAsync(EnrollmentEmails.Promoted));
        Assert.Equal(bob.Email, Assert.Single(await kit.EmailsAsync(EnrollmentEmails.Requested)).To);
        Assert.Equal(1, await kit.UsedTrainingsAsync(b));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AUseInThePreviousContractYearDoesNotCountButOneInTheCurrentYearDoes(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync(capacity: 5);
        // The contract started 400 days ago: its second contract year began about 35 days ago.
        var organisation = await kit.OrganisationAsync("YEAR", trainingsPerYear: 1, startedDaysAgo: 400);
        var contract = await kit.ScalarAsync<long>("SELECT id FROM sc_contracts WHERE organisation_id = @organisation", new { organisation });
        var firstYear = EnrollmentKit.Today.AddDays(-400);
        await kit.Db.WriteAsync((c, tx) => Dapper.SqlMapper.ExecuteAsync(c, """
            INSERT INTO sc_training_uses (organisation_id, contract_id, year_start, reference, used_at)
            VALUES (@organisation, @contract, @firstYear, 'tr-session:old', @at)
            """, new { organisation, contract, firstYear, at = DateTimeOffset.UtcNow.AddDays(-390) }, tx));
        var ann = await kit.ContactAsync(organisation);
        var bob = await kit.ContactAsync(organisation);

        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(session, organisation, ann));
        Assert.Equal("free", (await kit.RowsAsync(session)).Single().Billing);

        var other = await kit.SessionAsync(capacity: 5);
        Assert.Equal(EnrollOutcome.Requested, await kit.EnrollAsync(other, organisation, bob));
        var quota = await kit.SendAsync(new TrainingQuota(organisation, DateTimeOffset.UtcNow));
        Assert.Equal((1, 1, 0), (quota.Allowed, quota.Used, quota.Left));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RefusedEnrollmentsStoreNothingAndCountNoTraining(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var organisation = await kit.OrganisationAsync("REF");
        var ann = await kit.ContactAsync(organisation);
        var open = await kit.SessionAsync();
        var late = await kit.SessionAsync(startsInDays: 10, deadlineInDays: -1);
        var cancelled = await kit.SessionAsync(status: "cancelled");
        var past = await kit.SessionAsync(startsInDays: -3, deadlineInDays: -5);

        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(open, organisation, ann));
        Assert.Equal(EnrollOutcome.AlreadyEnrolled, await kit.EnrollAsync(open, organisation, ann));
        Assert.Equal(EnrollOutcome.DeadlinePassed, await kit.EnrollAsync(late, organisation, ann));
        Assert.Equal(EnrollOutcome.SessionCancelled, await kit.EnrollAsync(cancelled, organisation, ann));
        Assert.Equal(EnrollOutcome.SessionPast, await kit.EnrollAsync(past, organisation, ann));
        Assert.Equal(EnrollOutcome.NotFound, await kit.EnrollAsync(999_999, organisation, ann));

        Assert.Equal(1L, await kit.ScalarAsync<long>("SELECT COUNT(*) FROM tr_enrollments"));
        Assert.Equal(1, await kit.UsedTrainingsAsync(organisation));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CancellingAfterTheCutOffIsRefusedAndKeepsTheSeatAndTheFreeTraining(string provider)
    {
        await using var kit = await EnrollmentKit.StartAsync(provider);
        var session = await kit.SessionAsync(capacity: 1, startsInDays: 1, deadlineInDays: 1); // the default cut-off is 2 days
        var organisation = await kit.OrganisationAsync("LATE");
        var ann = await kit.ContactAsync(organisation);
        var bob = await kit.ContactAsync(organisation);
        Assert.Equal(EnrollOutcome.Enrolled, await kit.EnrollAsync(session, organisation, ann));
        Assert.Equal(EnrollOutcome.Waitlisted, await kit.EnrollAsync(session, organisation, bob));
        var annRow = (await kit.RowsAsync(session)).Single(r => r.TraineeUserId == ann.UserId);

        Assert.Equal(CancelOutcome.TooLate, await kit.WithWorkflowAsync(w => w.CancelAsync(annRow.Id, ann.UserId, organisation, CancellationToken.None)));
        Assert.Equal(CancelOutcome.NotFound, await kit.WithWorkflowAsync(w => w.CancelAsync(annRow.Id, bob.UserId, organisation, CancellationToken.None)));

        Assert.Equal("enrolled", (await kit.RowsAsync(session)).Single(r => r.Id == annRow.Id).State);
        Assert.Equal(1, await kit.UsedTrainingsAsync(organisation));
        Assert.Empty(await kit.EmailsAsync(EnrollmentEmails.Cancelled));
    }
}
