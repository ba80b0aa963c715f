namespace EasyTask.Contracts.Definitions;

/// <summary>What reading a definition produced: the value when it could be built, and every problem found.</summary>
public sealed record ParseOutcome<T>(T? Value, IReadOnlyList<FieldError> Errors) where T : class
{
    /// <summary>True when the definition has no problem at all.</summary>
    public bool IsValid => Value is not null && Errors.Count == 0;
}
