using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EasyTask.Contracts.Definitions;

namespace EasyTask.Scheduler.Tests.Definitions;

/// <summary>task-definition.schema.json describes exactly what the reader and validator accept.</summary>
[TestFixture]
internal sealed class TaskDefinitionSchemaTests
{
    private static SchemaFile Schema => SchemaFile.TaskDefinition;

    [Test]
    public void SchemaProperties_EqualTheKnownFields_WhenComparedWithTheReader()
    {
        Assert.That(Schema.PropertyNames, Is.EqualTo(TaskDefinitionJson.KnownFields), "same fields, in documentation order");
        Assert.That(Schema.Document["additionalProperties"]?.GetValue<bool>(), Is.False);
    }

    [Test]
    public void KnownFields_EqualTheModelsJsonNames_WhenComparedWithTaskDefinition()
    {
        var modelNames = typeof(TaskDefinition).GetProperties()
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? $"(no JSON name on {p.Name})");

        Assert.That(modelNames, Is.EquivalentTo(TaskDefinitionJson.KnownFields));
    }

    [Test]
    public void SchemaRequired_EqualsTheFieldsTheValidatorRequires_WhenEachFieldIsLeftOut()
    {
        FieldErrorAssert.None(TaskJson.Full().Errors());
        var requiredByValidator = TaskDefinitionJson.KnownFields
            .Where(field => TaskJson.Full().Without(field).Errors().Any(e => e.Field == field))
            .ToList();

        Assert.That(Schema.Required, Is.EquivalentTo(requiredByValidator));
    }

    [Test]
    public void SchemaValidation_ReportsAFieldMissing_OnlyWhenTheValidatorDoes()
    {
        Assert.Multiple(() =>
        {
            foreach (var field in TaskDefinitionJson.KnownFields)
            {
                var json = TaskJson.Full().Without(field).ToJsonString();
                var validatorMisses = TaskDefinitionValidator.Check(json, TaskJson.Calendars).Errors.Any(e => e.Field == field);
                Assert.That(Schema.ViolatedFields(json).Contains(field), Is.EqualTo(validatorMisses), $"leaving out {field}");
            }
        });
    }

    [Test]
    public void SchemaDefaults_EqualTheModelsDefaults_ForEveryOptionalField()
    {
        var modelDefaults = JsonNode.Parse(TaskDefinitionJson.Serialize(new TaskDefinition()))!.AsObject();
        var documented = Schema.Properties.Where(p => p.Value!["default"] is not null).ToDictionary(p => p.Key, p => p.Value!["default"]);
        var optional = modelDefaults.Where(p => !Schema.Required.Contains(p.Key)).ToList();

        Assert.That(documented.Keys, Is.EquivalentTo(optional.Select(p => p.Key)));
        Assert.Multiple(() =>
        {
            foreach (var (field, value) in optional)
            {
                Assert.That(JsonNode.DeepEquals(documented[field], value), Is.True, $"default of {field}: schema {documented[field]?.ToJsonString()}, model {value?.ToJsonString()}");
            }
        });
    }

    [Test]
    public void SchemaEnums_EqualTheAcceptedValues_ForConcurrencyAndDependencyConditions()
    {
        var dependencyObject = Schema.Properties["depends_on"]!["items"]!["oneOf"]![1]!;

        Assert.Multiple(() =>
        {
            Assert.That(Strings(Schema.Properties["concurrency"]!["enum"]), Is.EqualTo(ConcurrencyPolicy.All));
            Assert.That(Strings(dependencyObject["properties"]!["on"]!["enum"]), Is.EqualTo(DependencyCondition.All));
            Assert.That(Schema.Properties["name"]!["maxLength"]!.GetValue<int>(), Is.EqualTo(TaskDefinitionValidator.MaxNameLength));
        });
    }

    [TestCaseSource(typeof(ExampleFiles), nameof(ExampleFiles.Tasks))]
    public void SchemaValidation_ReportsNothing_WhenGivenAnExampleTask(string fileName)
    {
        Assert.That(Schema.ViolatedFields(ExampleFiles.Read(ExampleFiles.TaskFolder, fileName)), Is.Empty);
    }

    [Test]
    public void SchemaValidation_ReportsNothing_WhenEveryFieldIsSet()
    {
        Assert.That(Schema.ViolatedFields(TaskJson.Full().ToJsonString()), Is.Empty);
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());
}
