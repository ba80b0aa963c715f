using EasyTask.Agent.Hosting;

// The run loop (consume agent.<name>, run, report) lands with the dispatch work; until then the
// executable only resolves and checks its identity, so packaging and service files can be built.
var nameArgument = args.SkipWhile(a => a != "--name").Skip(1).FirstOrDefault();
try
{
    var name = AgentName.Resolve(nameArgument, Environment.GetEnvironmentVariable(AgentName.Variable), Environment.MachineName);
    Console.Error.WriteLine($"easytask-agent {name}: cannot run tasks yet in this build (the dispatch over RabbitMQ is not implemented); exiting.");
    return 3;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
