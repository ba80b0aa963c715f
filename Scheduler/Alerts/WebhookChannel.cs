using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using EasyTask.Scheduler.Storage;
using Polly;
using Polly.Retry;

namespace EasyTask.Scheduler.Alerts;

/// <summary>
/// POSTs the alert as JSON. With a secret, the body is signed: <c>X-EasyTask-Signature: sha256=HEX</c> is the
/// HMAC-SHA256 of the exact body bytes under the secret. Transient failures are retried with backoff (Polly);
/// when those retries run out the delivery stays pending and the dispatcher tries again later.
/// </summary>
internal sealed class WebhookChannel(IHttpClientFactory clients) : IAlertChannel
{
    public const string SignatureHeader = "X-EasyTask-Signature";

    private static readonly ResiliencePipeline<HttpResponseMessage> Retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .Handle<TaskCanceledException>()
                .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == System.Net.HttpStatusCode.TooManyRequests),
        })
        .Build();

    public string Type => "webhook";

    public async Task SendAsync(AlertRecord alert, string channelName, AlertChannelOptions channel, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(channel.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"channel {channelName}: Url must be an absolute http(s) URL, got \"{channel.Url}\"");
        }

        var body = Encoding.UTF8.GetBytes(AlertPayload.Json(alert));
        var client = clients.CreateClient(nameof(WebhookChannel));
        client.Timeout = channel.Timeout;
        using var response = await Retry.ExecuteAsync(
            async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Add("X-EasyTask-Alert", alert.Id.ToString(CultureInfo.InvariantCulture));
                request.Headers.Add("X-EasyTask-Event", alert.Kind);
                if (!string.IsNullOrEmpty(channel.Secret))
                {
                    request.Headers.Add(SignatureHeader, Sign(body, channel.Secret));
                }

                return await client.SendAsync(request, token);
            },
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"channel {channelName}: {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
