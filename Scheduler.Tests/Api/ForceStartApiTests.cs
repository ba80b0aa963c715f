using System.Net;
using System.Net.Http.Json;
using System.Text;
using EasyTask.Scheduler.Api;
using EasyTask.Scheduler.Runs;
using EasyTask.Scheduler.Scheduling;
using EasyTask.Scheduler.Storage;
using EasyTask.Scheduler.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EasyTask.Scheduler.Tests.Api;

[TestFixture(TestDatabases.Sqlite)]
[TestFixture(TestDatabases.Postgres)]
[Category("Integration")]
internal sealed class ForceStartApiTests(string provider)
{
    private const int Requests = 500;

    private RunningScheduler server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => server = await RunningScheduler.StartAsync(await TestDatabases.CreateAsync(provider));

    [OneTimeTearDown]
    public async Task StopServer() => await server.DisposeAsync();

    [Test]
    public async Task ForceStart_CreatesOneRunPerRequest_When500ArriveAtOnce()
    {
        await CreateTaskAsync(301, "force_many");
        using var clients = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 100 }) { BaseAddress = server.BaseAddress };
        clients.DefaultRequestHeaders.Authorization = server.Http.DefaultRequestHeaders.Authorization;

        var responses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async _ =>
        {
            using var response = await clients.PostAsync("api/v1/tasks/force_many/run", null);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            return await RunningScheduler.ReadAsync<RunResource>(response);
        }));

        Assert.That(responses.Select(r => r.RunId).Distinct().Count(), Is.EqualTo(Requests), "each answer names its own run");
        var stored = await server.Http.GetFromJsonAsync<List<RunResource>>($"api/v1/runs?task=force_many&limit=10000", ApiJson.Options);
        Assert.That(stored!.Select(r => r.RunId).Distinct().Count(), Is.EqualTo(Requests), "each request is a run in the database");
    }

    [Test]
    public async Task CreateOccurrence_KeepsOneRun_WhenAForceStartHasTheSameInstant()
    {
        await CreateTaskAsync(302, "force_and_scheduled");
        var store = server.Services.GetRequiredService<IRunStore>();
        var at = new DateTimeOffset(2031, 3, 3, 13, 30, 0, TimeSpan.Zero);

        var manual = await store.CreateAsync([new NewRun(302, "force_and_scheduled", at, "localhost", Manual: true)], OperatorActions.Actor, CancellationToken.None);
        var scheduled = await store.CreateAsync([new NewRun(302, "force_and_scheduled", at, "localhost")], RunCreator.Actor, CancellationToken.None);
        var again = await store.CreateAsync([new NewRun(302, "force_and_scheduled", at, "localhost")], RunCreator.Actor, CancellationToken.None);

        Assert.That(scheduled[0].Created, Is.True, "a force-start at the same instant does not swallow the scheduled occurrence");
        Assert.That(scheduled[0].Run.RunId, Is.Not.EqualTo(manual[0].Run.RunId));
        Assert.That(again[0].Created, Is.False, "the scheduled occurrence keeps its idempotent key");
        Assert.That(again[0].Run.RunId, Is.EqualTo(scheduled[0].Run.RunId));
        Assert.That((await store.FindOccurrenceAsync(302, at, CancellationToken.None))!.RunId, Is.EqualTo(scheduled[0].Run.RunId));
    }

    private async Task CreateTaskAsync(long tid, string name)
    {
        using var created = await server.Http.PostAsync("api/v1/tasks", new StringContent(SampleDefinitions.Task(tid, name), Encoding.UTF8, "application/json"));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
    }
}
