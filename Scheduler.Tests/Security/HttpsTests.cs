using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EasyTask.Scheduler.Security;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Security;

/// <summary>HTTPS with Kestrel's standard certificate settings, as the README documents, with a self-signed certificate.</summary>
[Category("Integration")]
internal sealed class HttpsTests
{
    [Test]
    public async Task Serve_AnswersOverHttps_WithTheConfiguredCertificate()
    {
        var folder = Directory.CreateTempSubdirectory("easytask-tls-");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(7));
        var pfx = Path.Combine(folder.FullName, "tls.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));

        await using var server = await RunningScheduler.StartAsync(
            $"sqlite:{Path.Combine(folder.FullName, "easytask.db")}",
            "--urls=https://127.0.0.1:0",
            $"--Kestrel:Certificates:Default:Path={pfx}",
            "--Kestrel:Certificates:Default:Password=test-password");
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", await TestTokens.CreateAsync(server.Services, Roles.Viewer));

        using var response = await client.GetAsync("api/v1/tasks");

        Assert.That(server.BaseAddress.Scheme, Is.EqualTo("https"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
