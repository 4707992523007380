namespace Hapta.PocketBase;

/// <summary>PocketBase refused Hapta's admin login or could not be asked. The message says what to fix.</summary>
public sealed class PocketBaseLoginException : Exception
{
    public PocketBaseLoginException()
    {
    }

    public PocketBaseLoginException(string message)
        : base(message)
    {
    }

    public PocketBaseLoginException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
