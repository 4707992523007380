using Hapta;
using Hapta.Configuration;
using Hapta.PocketBase;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var builder = HaptaServer.CreateBuilder(args);

var problems = StartupValidation.Validate(builder.Configuration, builder.Environment.IsDevelopment());
if (problems.Count > 0)
{
    await Console.Error.WriteLineAsync(
        $"hapta-server cannot start: {problems.Count} configuration problem(s):\n  - "
        + string.Join("\n  - ", problems)
        + "\nSet them in appsettings.json (section Hapta), as environment variables (Hapta__Section__Key, or "
        + "DB_URL / ADMIN_EMAIL / ADMIN_PASSWORD / HAPTA_ADMIN_KEY / HAPTA_SECRET), in a .env file, or on the command line "
        + "(--Hapta:Section:Key=value).");
    return 2;
}

var app = HaptaServer.Build(builder.AddHapta());
try
{
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync(
        "hapta-server cannot start: configuration problems:\n  - " + string.Join("\n  - ", ex.Failures));
    return 2;
}
catch (PocketBaseLoginException ex)
{
    await Console.Error.WriteLineAsync("hapta-server cannot start: " + ex.Message);
    return 3;
}

namespace Hapta
{
    /// <summary>Names the entry assembly for <c>WebApplicationFactory</c> (.NET 10 makes Program public).</summary>
    public sealed class SiloMarker
    {
        private SiloMarker()
        {
        }
    }
}
