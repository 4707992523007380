using System.Globalization;
using System.Net;

namespace Hapta.Bench.Processes;

/// <summary>
/// <c>hapta-bench fixed-server --port P --bodies DIR</c>: Kestrel with one terminal handler and nothing else
/// (no routing, no logging), answering <c>/w2</c> with <c>DIR/w2.body</c>, <c>/w7s</c> and <c>/w7l</c> with
/// <c>DIR/w7s.body</c> and <c>DIR/w7l.body</c> (W7's small and large file), and any other path with
/// <c>DIR/w1.body</c>. W1 and W2 carry the content type in <c>DIR/content-type</c>, each W7 file its own, in
/// <c>DIR/w7s.content-type</c> and <c>DIR/w7l.content-type</c>.
/// </summary>
internal static class FixedResponseServer
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args is not ["--port", var portText, "--bodies", var directory]
            || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            Console.Error.WriteLine("usage: hapta-bench fixed-server --port PORT --bodies DIR");
            return 2;
        }

        async Task<(byte[] Body, string ContentType)> ReadAsync(string name, string contentTypeFile) => (
            await File.ReadAllBytesAsync(Path.Combine(directory, name + ".body")),
            (await File.ReadAllTextAsync(Path.Combine(directory, contentTypeFile))).Trim());

        var w1 = await ReadAsync("w1", "content-type");
        var w2 = await ReadAsync("w2", "content-type");
        var w7Small = await ReadAsync("w7s", "w7s.content-type");
        var w7Large = await ReadAsync("w7l", "w7l.content-type");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(context =>
        {
            var (body, contentType) = context.Request.Path.Value switch
            {
                "/w2" => w2,
                "/w7s" => w7Small,
                "/w7l" => w7Large,
                _ => w1,
            };
            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
        });
        await app.RunAsync();
        return 0;
    }
}
