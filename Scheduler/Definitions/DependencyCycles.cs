using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Definitions;

/// <summary>Finds the dependency cycle a definition would close, so it is refused before it is stored.</summary>
internal static class DependencyCycles
{
    /// <summary>
    /// The cycle through <paramref name="candidate"/>, as task names from it back to it
    /// (<c>A → B → C → A</c>), or null. <paramref name="upstreamOf"/> gives the stored tasks' dependencies.
    /// </summary>
    public static IReadOnlyList<string>? Find(TaskDefinition candidate, Func<string, IEnumerable<string>> upstreamOf)
    {
        IEnumerable<string> Upstream(string name) =>
            name == candidate.Name ? (candidate.DependsOn ?? []).Select(d => d.Task) : upstreamOf(name);

        var visited = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string> { candidate.Name };
        return Walk(candidate.Name);

        IReadOnlyList<string>? Walk(string name)
        {
            foreach (var upstream in Upstream(name))
            {
                if (upstream == candidate.Name)
                {
                    return [.. path, upstream];
                }

                if (!visited.Add(upstream))
                {
                    continue;
                }

                path.Add(upstream);
                if (Walk(upstream) is { } cycle)
                {
                    return cycle;
                }

                path.RemoveAt(path.Count - 1);
            }

            return null;
        }
    }
}
