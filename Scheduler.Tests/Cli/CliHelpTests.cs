using System.CommandLine;
using EasyTask.Scheduler.Cli;
using EasyTask.Scheduler.Tests.Infrastructure;

namespace EasyTask.Scheduler.Tests.Cli;

internal sealed class CliHelpTests
{
    private static IEnumerable<string[]> EveryVerb()
    {
        static IEnumerable<string[]> Walk(Command command, string[] path)
        {
            foreach (var sub in command.Subcommands)
            {
                var subPath = path.Append(sub.Name).ToArray();
                yield return subPath;
                foreach (var deeper in Walk(sub, subPath))
                {
                    yield return deeper;
                }
            }
        }

        return Walk(CliApplication.BuildRoot(), []);
    }

    [TestCaseSource(nameof(EveryVerb))]
    public async Task Help_DescribesUsage_ForEveryVerb(string[] verb)
    {
        var run = await CliRun.RunAsync([.. verb, "--help"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("Usage:").And.Contain(string.Join(' ', verb)));
    }
}
