using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Cli;

/// <summary>The server found the definition invalid (for example a calendar only the server knows is missing).</summary>
internal sealed class ServerValidationException(IReadOnlyList<FieldError> errors)
    : Exception("the server found the definition invalid")
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
