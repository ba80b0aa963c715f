using EasyTask.Agent.Hosting;

namespace EasyTask.Agent.Tests.Hosting;

internal sealed class AgentProgramTests
{
    [TestCase("--help")]
    [TestCase("-h")]
    public async Task RunAsync_PrintsHelpAndExitsZero_WhenAskedForHelp(string option)
    {
        var (code, output, error) = await RunAsync(option);

        Assert.That((code, error), Is.EqualTo((0, "")));
        Assert.That(output, Does.Contain("Usage:").And.Contain("--name").And.Contain("--bus").And.Contain("bench"));
    }

    [Test]
    public async Task RunAsync_NamesTheOptionAndExitsTwo_WhenTheOptionIsUnknown()
    {
        var (code, _, error) = await RunAsync("--nmae", "billing-01");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("unknown option '--nmae'"));
    }

    [Test]
    public async Task RunAsync_NamesTheOptionAndExitsTwo_WhenNameHasNoValue()
    {
        var (code, _, error) = await RunAsync("--name");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("'--name'"));
    }

    [Test]
    public async Task RunAsync_NamesTheOptionAndExitsTwo_WhenABenchCountIsNotPositive()
    {
        var (code, output, error) = await RunAsync("bench", "--spawn", "0");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--spawn must be a whole number, 1 or more"));
        Assert.That(output, Is.Empty, "nothing was measured");
    }

    [Test]
    public async Task RunAsync_RefusesTheName_WhenItCannotBeAQueueName()
    {
        var (code, _, error) = await RunAsync("--name", "bad name!", "--EASYTASK_BUS=inmemory");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("agent name \"bad name!\""));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AgentProgram.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
