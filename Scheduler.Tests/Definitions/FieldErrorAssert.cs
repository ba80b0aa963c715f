using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>Asserts on reported problems the way an operator reads them: which field, and what the message says.</summary>
internal static class FieldErrorAssert
{
    /// <summary>Exactly one problem, on <paramref name="field"/>, whose message holds <paramref name="messagePart"/>.</summary>
    public static void Single(IReadOnlyList<FieldError> errors, string field, string messagePart)
    {
        Assert.That(errors, Has.Count.EqualTo(1), () => $"expected one error on {field}, got: {Describe(errors)}");
        Assert.Multiple(() =>
        {
            Assert.That(errors[0].Field, Is.EqualTo(field));
            Assert.That(errors[0].Message, Does.Contain(messagePart));
        });
    }

    /// <summary>Problems on exactly these fields, one each, in any order.</summary>
    public static void Fields(IReadOnlyList<FieldError> errors, params string[] fields) =>
        Assert.That(errors.Select(e => e.Field), Is.EquivalentTo(fields), () => Describe(errors));

    /// <summary>No problem at all.</summary>
    public static void None(IReadOnlyList<FieldError> errors) =>
        Assert.That(errors, Is.Empty, () => $"expected no error, got: {Describe(errors)}");

    public static string Describe(IEnumerable<FieldError> errors) =>
        string.Join(" | ", errors.Select(e => e.ToString())) is { Length: > 0 } text ? text : "(none)";
}
