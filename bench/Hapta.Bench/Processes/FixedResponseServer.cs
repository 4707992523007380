using System.Globalization;
using System.Net;

namespace Hapta.Bench.Processes;

/// <summary>
/// <c>hapta-bench fixed-server --port P --bodies DIR</c>: Kestrel with one terminal handler and nothing else
/// (no routing, no logging), answering <c>/w2</c> with <c>DIR/w2.body</c> and any other path with
/// <c>DIR/w1.body</c>, both with the content type in <c>DIR/content-type</c>.
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

        var w1 = await File.ReadAllBytesAsync(Path.Combine(directory, "w1.body"));
        var w2 = await File.ReadAllBytesAsync(Path.Combine(directory, "w2.body"));
        var contentType = (await File.ReadAllTextAsync(Path.Combine(directory, "content-type"))).Trim();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(context =>
        {
            var body = context.Request.Path.Equals("/w2", StringComparison.Ordinal) ? w2 : w1;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
        });
        await app.RunAsync();
        return 0;
    }
}
