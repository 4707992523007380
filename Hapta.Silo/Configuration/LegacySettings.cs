using Microsoft.Extensions.Configuration;

namespace Hapta.Configuration;

/// <summary>
/// The settings the original Hapta documented (<c>DB_URL</c>, <c>ADMIN_EMAIL</c>, <c>ADMIN_PASSWORD</c>,
/// <c>HAPTA_ADMIN_KEY</c>, and <c>HAPTA_SECRET</c> for its <c>Security.Secret</c>), read from the environment or a <c>.env</c> file in the working directory, plus
/// any <c>Hapta__…</c> key in that file. The process environment wins over the file, as with every dotenv
/// tool; within one source, Hapta's own names win over the legacy ones (in the file by being read after
/// them; in the environment because the host adds its environment source after this one).
/// </summary>
internal sealed class LegacySettings(string directory) : IConfigurationSource
{
    private static readonly Dictionary<string, string> LegacyNames = new(StringComparer.Ordinal)
    {
        ["DB_URL"] = "Hapta:PocketBase:Url",
        ["ADMIN_EMAIL"] = "Hapta:PocketBase:AdminEmail",
        ["ADMIN_PASSWORD"] = "Hapta:PocketBase:AdminPassword",
        ["HAPTA_ADMIN_KEY"] = "Hapta:AdminKey",
        ["HAPTA_SECRET"] = "Hapta:Sessions:Secret",
    };

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(directory);

    private sealed class Provider(string directory) : ConfigurationProvider
    {
        public override void Load()
        {
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var dotEnv = Path.Combine(directory, ".env");
            if (File.Exists(dotEnv))
            {
                var entries = DotEnvFile.Parse(File.ReadLines(dotEnv)).ToList();
                foreach (var (name, value) in entries)
                {
                    // An empty value (a template's "HAPTA_ADMIN_KEY=") means "not set", as in the environment.
                    if (value.Length > 0 && LegacyNames.TryGetValue(name, out var key))
                    {
                        data[key] = value;
                    }
                }

                foreach (var (name, value) in entries)
                {
                    if (name.StartsWith("Hapta__", StringComparison.OrdinalIgnoreCase))
                    {
                        data[name.Replace("__", ":", StringComparison.Ordinal)] = value;
                    }
                }
            }

            foreach (var (name, key) in LegacyNames)
            {
                if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
                {
                    data[key] = value;
                }
            }

            Data = data;
        }
    }
}
