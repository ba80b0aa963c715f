using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Definitions;

/// <summary>Finds the dependency cycle a definition would close, so it is refused before it is stored.</summary>
internal static class DependencyCycles
{
    /// <summary>
    /// The cycle through <paramref name="candidate"/>, as task names from it back to it
    /// (<c>A → B → C → A</c>), or null. <paramref name="upstreamOf"/> gives the stored tasks' dependencies.
    /// Depth-first with an explicit stack, so a chain of any length cannot overflow the thread's stack.
    /// </summary>
    public static IReadOnlyList<string>? Find(TaskDefinition candidate, Func<string, IEnumerable<string>> upstreamOf)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(upstreamOf);
        IEnumerable<string> Upstream(string name) =>
            name == candidate.Name ? (candidate.DependsOn ?? []).Select(d => d.Task) : upstreamOf(name);

        var visited = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string> { candidate.Name };
        var stack = new Stack<IEnumerator<string>>();
        stack.Push(Upstream(candidate.Name).GetEnumerator());
        try
        {
            while (stack.Count > 0)
            {
                var next = stack.Peek();
                if (!next.MoveNext())
                {
                    next.Dispose();
                    stack.Pop();
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                var upstream = next.Current;
                if (upstream == candidate.Name)
                {
                    return [.. path, upstream];
                }

                if (visited.Add(upstream))
                {
                    path.Add(upstream);
                    stack.Push(Upstream(upstream).GetEnumerator());
                }
            }

            return null;
        }
        finally
        {
            foreach (var open in stack)
            {
                open.Dispose();
            }
        }
    }
}
