namespace EasyTask.Contracts.Definitions;

/// <summary>The end states a dependency can wait for.</summary>
public static class DependencyCondition
{
    /// <summary>The upstream run ended SUCCESS.</summary>
    public const string Success = "success";

    /// <summary>The upstream run ended FAILED or TERMINATED.</summary>
    public const string Failure = "failure";

    /// <summary>The upstream run ended, whatever the outcome.</summary>
    public const string Done = "done";

    /// <summary>Every accepted value, in the order shown to users.</summary>
    public static IReadOnlyList<string> All { get; } = [Success, Failure, Done];
}
