using System.Reflection;
using System.Text.Json.Nodes;
using Hapta.Collections;
using Hapta.Records;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Hapta.Validation;

/// <summary>
/// Puts the checks of this page of code into the OpenAPI document (issue #7, point 5): for each collection a
/// <c>{name}.create</c> and <c>{name}.update</c> schema built from the same <see cref="CollectionRules"/> the
/// validator uses (types, limits, patterns, select values, required and read-only fields, no other keys), the list
/// query's limits as parameters, and the field-error codes. Built per request of the document, from this silo's
/// current copy of the schema.
/// </summary>
internal sealed class ValidationSchemas(
    CollectionDirectory directory,
    SchemaRules schema,
    IOptions<ValidationOptions> options) : IDocumentFilter
{
    private const string RecordsPath = "/api/collections/{collection}/records";
    private const string RecordPath = "/api/collections/{collection}/records/{id}";
    private const string IdPattern = @"^[^@#$&|.,'""\\/\s]{15}$";
    private const string FileNamePattern = @"^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}$";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(swaggerDoc);
        swaggerDoc.Components ??= new OpenApiComponents();
        var schemas = swaggerDoc.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        schemas["FieldErrorCode"] = Codes();

        var creates = new List<IOpenApiSchema>();
        var updates = new List<IOpenApiSchema>();
        foreach (var collection in directory.Collections.OrderBy(static c => c.Name, StringComparer.Ordinal))
        {
            var rules = schema.For(collection);
            if (rules.IsView)
            {
                continue;
            }

            schemas[collection.Name + ".create"] = Body(rules, BodyOperation.Create);
            schemas[collection.Name + ".update"] = Body(rules, BodyOperation.Update);
            creates.Add(new OpenApiSchemaReference(collection.Name + ".create", swaggerDoc));
            updates.Add(new OpenApiSchemaReference(collection.Name + ".update", swaggerDoc));
        }

        SetBody(swaggerDoc, RecordsPath, HttpMethod.Post, creates);
        SetBody(swaggerDoc, RecordPath, HttpMethod.Patch, updates);
        AddListParameters(swaggerDoc);
    }

    private static OpenApiSchema Codes() => new()
    {
        Type = JsonSchemaType.String,
        Description = "The code of a field error under data.<field>: PocketBase's own (validation_*) or Hapta's "
            + "(hapta_*, see the README).",
        Enum = [.. typeof(ValidationCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(static f => f.IsLiteral)
            .Select(static f => (JsonNode)JsonValue.Create((string)f.GetRawConstantValue()!))],
    };

    private static OpenApiSchema Body(CollectionRules rules, BodyOperation operation)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (operation == BodyOperation.Create)
        {
            properties["id"] = Text(
                "Optional: a record id of PocketBase's form; PocketBase makes one up if left out.", IdPattern);
        }

        foreach (var rule in rules.Fields.Values.Where(static r => !r.ReadOnly))
        {
            properties[rule.Name] = Field(rule);
            if (operation == BodyOperation.Create && rule.Required)
            {
                required.Add(rule.Name);
            }

            foreach (var (key, modifier) in Modifiers(rule))
            {
                properties[key] = modifier;
            }
        }

        if (rules.IsAuth)
        {
            AddAuthFields(properties, required, operation);
        }

        var readOnly = rules.Fields.Values.Where(static r => r.ReadOnly).Select(static r => r.Name).ToList();
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = $"What Hapta accepts to {(operation == BodyOperation.Create ? "create" : "update")} a "
                + $"record of {rules.Collection.Name}; any other key is refused with validation_unknown_field."
                + (readOnly.Count > 0 ? $" Clients cannot set: {string.Join(", ", readOnly)}." : ""),
            Properties = properties,
            Required = required,
            AdditionalPropertiesAllowed = false,
        };
    }

    private static OpenApiSchema Field(FieldRule rule) => rule.Type switch
    {
        "text" or "editor" => Text(null, rule.PatternSources.Count > 0 ? rule.PatternSources[0] : null, rule),
        "email" => Text(null, null, rule, "email"),
        "url" => Text(null, null, rule, "uri"),
        "date" => Nullable(new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Format = "date-time",
            Description = Range("Date", rule.Earliest is { } e ? DateValues.Format(e) : null,
                rule.Latest is { } l ? DateValues.Format(l) : null),
        }),
        "number" => Nullable(new OpenApiSchema
        {
            Type = rule.NoDecimal ? JsonSchemaType.Integer : JsonSchemaType.Number,
            Minimum = rule.Min is { } min ? Invariant(min) : null,
            Maximum = rule.Max is { } max ? Invariant(max) : null,
        }),
        "bool" => Nullable(new OpenApiSchema { Type = JsonSchemaType.Boolean }),
        "select" => List(rule, new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = [.. rule.Values!.Order(StringComparer.Ordinal).Select(static v => (JsonNode)JsonValue.Create(v))],
        }),
        "relation" => List(rule, Text("A record id.", IdPattern)),
        "file" => List(rule, Text("A stored file name to keep; upload files as multipart/form-data.", FileNamePattern)),
        _ => new OpenApiSchema
        {
            Description = rule.MaxJsonBytes is { } max ? $"Any JSON value, at most {max} bytes." : "Any JSON value.",
        },
    };

    private static IEnumerable<(string Key, IOpenApiSchema Schema)> Modifiers(FieldRule rule)
    {
        switch (rule.Type)
        {
            case "number":
                var amount = new OpenApiSchema { Type = JsonSchemaType.Number, Description = "Added or subtracted." };
                yield return (rule.Name + "+", amount);
                yield return (rule.Name + "-", amount);
                break;
            case "select" or "relation":
                var items = Field(rule);
                yield return ("+" + rule.Name, items);
                yield return (rule.Name + "+", items);
                yield return (rule.Name + "-", items);
                break;
            case "file":
                yield return (rule.Name + "-", Field(rule));
                break;
            default:
                break;
        }
    }

    private static void AddAuthFields(
        Dictionary<string, IOpenApiSchema> properties,
        HashSet<string> required,
        BodyOperation operation)
    {
        properties["username"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String, MinLength = 3, MaxLength = 150, Pattern = @"^[\w][\w\.\-]*$",
        };
        properties["email"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "email" };
        properties["emailVisibility"] = new OpenApiSchema { Type = JsonSchemaType.Boolean };
        var password = new OpenApiSchema
        {
            Type = JsonSchemaType.String, Format = "password", MaxLength = AuthFields.MaxPassword,
        };
        properties["password"] = password;
        properties["passwordConfirm"] = password;
        if (operation == BodyOperation.Create)
        {
            required.Add("password");
            required.Add("passwordConfirm");
        }
        else
        {
            properties["oldPassword"] = password;
        }
    }

    private static OpenApiSchema Text(
        string? description,
        string? pattern,
        FieldRule? rule = null,
        string? format = null) =>
        new()
        {
            Type = JsonSchemaType.String | (rule is null ? 0 : JsonSchemaType.Null),
            Description = description,
            Pattern = pattern,
            Format = format,
            MinLength = rule?.MinLength,
            MaxLength = rule?.MaxLength,
        };

    private static OpenApiSchema Nullable(OpenApiSchema schema)
    {
        schema.Type |= JsonSchemaType.Null;
        return schema;
    }

    private static OpenApiSchema List(FieldRule rule, OpenApiSchema item)
    {
        if (!rule.IsMultiple)
        {
            return Nullable(item);
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Array | JsonSchemaType.Null,
            Items = item,
            MinItems = rule.MinSelect,
            MaxItems = rule.MaxSelect,
            UniqueItems = true,
        };
    }

    private static string? Range(string what, string? from, string? to) =>
        from is null && to is null ? null : $"{what} from {from ?? "any time"} to {to ?? "any time"}.";

    private static void SetBody(OpenApiDocument document, string path, HttpMethod method, List<IOpenApiSchema> bodies)
    {
        if (bodies.Count == 0 || document.Paths?.TryGetValue(path, out var item) != true
            || item!.Operations?.TryGetValue(method, out var operation) != true)
        {
            return;
        }

        operation!.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The record's fields as a JSON object or a form (text fields only so far): the schema named "
                + "after the collection in the path.",
            Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchema { OneOf = bodies } },
                ["multipart/form-data"] = new OpenApiMediaType { Schema = new OpenApiSchema { OneOf = bodies } },
            },
        };
    }

    private void AddListParameters(OpenApiDocument document)
    {
        if (document.Paths?.TryGetValue(RecordsPath, out var item) != true
            || item!.Operations?.TryGetValue(HttpMethod.Get, out var operation) != true)
        {
            return;
        }

        var o = options.Value;
        operation!.Parameters ??= [];
        operation.Parameters.Add(Query("page", "Page number, from 1.", new OpenApiSchema
        {
            Type = JsonSchemaType.Integer, Minimum = "1", Maximum = Invariant(int.MaxValue),
        }));
        operation.Parameters.Add(Query("perPage", $"Records per page, 1 to {o.MaxPerPage}.", new OpenApiSchema
        {
            Type = JsonSchemaType.Integer, Minimum = "1", Maximum = Invariant(o.MaxPerPage),
        }));
        operation.Parameters.Add(Query(
            "filter",
            "PocketBase filter; quotes closed, parentheses balanced (at most 32 deep), no control characters.",
            new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = o.MaxFilterLength }));
        operation.Parameters.Add(Query(
            "sort", "Comma-separated fields of the collection, each with an optional - or +; @random, @rowid.",
            new OpenApiSchema { Type = JsonSchemaType.String }));
        operation.Parameters.Add(Query(
            "expand", $"Comma-separated relation paths, at most {o.MaxExpandDepth} relations deep.",
            new OpenApiSchema { Type = JsonSchemaType.String }));
        operation.Parameters.Add(Query(
            "fields", "Comma-separated fields to return, expand.* paths and :excerpt(n,true) allowed.",
            new OpenApiSchema { Type = JsonSchemaType.String }));
        operation.Parameters.Add(Query(
            "skipTotal", "Skip counting; totalItems and totalPages come back as -1.",
            new OpenApiSchema { Type = JsonSchemaType.Boolean }));
    }

    private static string Invariant(double number) =>
        number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static OpenApiParameter Query(string name, string description, OpenApiSchema schema) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = schema,
    };
}
