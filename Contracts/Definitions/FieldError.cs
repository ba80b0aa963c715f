namespace EasyTask.Contracts.Definitions;

/// <summary>One problem with a definition: the field (JSON path, <c>$</c> for the whole document) and what is wrong and allowed.</summary>
public sealed record FieldError(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}
