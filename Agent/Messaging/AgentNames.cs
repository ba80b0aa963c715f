namespace EasyTask.Agent.Messaging;

/// <summary>The names an agent answers to: its own, plus aliases (the in-process agent of standalone also answers to <c>localhost</c>).</summary>
public sealed record AgentNames(string Name, IReadOnlyList<string> Aliases)
{
    public IEnumerable<string> All => new[] { Name }.Concat(Aliases).Distinct(StringComparer.Ordinal);
}
