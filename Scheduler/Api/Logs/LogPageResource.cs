namespace EasyTask.Scheduler.Api.Logs;

/// <summary>One page of a run's log: lines <see cref="FirstLine"/>… (1-based) of <see cref="TotalLines"/>.</summary>
internal sealed record LogPageResource(string RunId, int Attempt, string Stream, int Page, int Pages, int Size, int TotalLines, int FirstLine, IReadOnlyList<string> Lines);

/// <summary>Where a text occurs in a run's log: the 1-based line numbers (at most 10,000), in order.</summary>
internal sealed record LogSearchResource(string RunId, int Attempt, string Stream, string Query, int Total, bool Truncated, IReadOnlyList<int> Lines);
