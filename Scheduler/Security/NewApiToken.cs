using EasyTask.Scheduler.Storage;

namespace EasyTask.Scheduler.Security;

/// <summary>A token just made: its record, and the plain token, shown this once and never again.</summary>
internal sealed record NewApiToken(ApiTokenRecord Record, string Token);
