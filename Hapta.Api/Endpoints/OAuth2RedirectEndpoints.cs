using Hapta.RateLimiting;
using Hapta.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hapta.Endpoints;

/// <summary>
/// The provider's redirect of the SDK's all-in-one OAuth2 flow (issue #9, point 4). The SDK puts its realtime
/// client id in <c>state</c> and waits on <c>@oauth2</c>; this hands <c>{state, code}</c> to that client on
/// whichever silo holds it, then sends the popup to a page saying whether it worked. An unknown state, a missing
/// code or a provider's error lead to the failure page.
/// </summary>
internal static class OAuth2RedirectEndpoints
{
    public const string SuccessPath = "/hapta/oauth2/success";
    public const string FailurePath = "/hapta/oauth2/failure";

    public static IEndpointRouteBuilder MapOAuth2Redirect(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/oauth2-redirect", RedirectAsync)
            .WithTags("Auth")
            .WithName("OAuth2Redirect")
            .WithSummary("Where OAuth2 providers send the user back in the all-in-one flow")
            .WithMetadata(new RateLimitedAs(RouteClass.Auth));
        routes.MapGet(SuccessPath, () => Page("Signed in", "You are signed in. You can close this window."))
            .ExcludeFromDescription();
        routes.MapGet(FailurePath, () => Page("Not signed in", "The sign-in did not complete. Close this window "
                + "and try again."))
            .ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> RedirectAsync(
        [FromQuery] string? state,
        [FromQuery] string? code,
        [FromQuery] string? error,
        [FromServices] IGrainFactory grains)
    {
        var delivered = state is { Length: > 0 and <= 100 } && state.All(char.IsAsciiLetterOrDigit)
            && code is not { Length: > 4096 } && error is not { Length: > 512 }
            && await grains.GetGrain<ISubscriptionGrain>(state).OAuth2RedirectAsync(code, error);
        return TypedResults.Redirect(
            delivered && !string.IsNullOrEmpty(code) && string.IsNullOrEmpty(error) ? SuccessPath : FailurePath,
            permanent: false,
            preserveMethod: true);
    }

    private static IResult Page(string title, string message) => TypedResults.Content(
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            + $"<body><p>{message}</p><script>window.close()</script></body></html>",
        "text/html; charset=utf-8");
}
