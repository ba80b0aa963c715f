using EasyTask.Agent.Hosting;

return await AgentProgram.RunAsync(args);
