namespace EasyTask.Scheduler.Storage;

/// <summary>API tokens by hash. Rows are never deleted: a revoked token keeps its row, so the audit trail can name it.</summary>
internal interface IApiTokenStore
{
    Task InsertAsync(ApiTokenRecord token, CancellationToken cancellationToken);

    Task<ApiTokenRecord?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiTokenRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Revokes every unrevoked token of that name; returns how many.</summary>
    Task<int> RevokeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken);
}
