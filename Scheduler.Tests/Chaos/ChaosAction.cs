namespace EasyTask.Scheduler.Tests.Chaos;

/// <summary>One disruption of a chaos run.</summary>
internal enum ChaosAction
{
    /// <summary><c>kill -9</c> the scheduler that leads, then start it again.</summary>
    KillLeader,

    /// <summary>Stop RabbitMQ and start it again on the same data and port.</summary>
    RestartBroker,

    /// <summary><c>kill -9</c> one agent, then start it again under the same name.</summary>
    KillAgent,
}
