using System.Text;
using Microsoft.AspNetCore.Http;

namespace Hapta.Testing;

/// <summary>What an <see cref="IResult"/> wrote when run against a bare <see cref="DefaultHttpContext"/>.</summary>
internal sealed record ResultResponse(int Status, IHeaderDictionary Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public static async Task<ResultResponse> ExecuteAsync(IResult result, string phase)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await result.ExecuteAsync(context).Guarded(phase);

        return new ResultResponse(context.Response.StatusCode, context.Response.Headers, body.ToArray());
    }
}
