namespace Hapta.Validation;

/// <summary>Whether a body creates a record or updates one; required fields and ids differ.</summary>
internal enum BodyOperation
{
    Create,
    Update,
}
