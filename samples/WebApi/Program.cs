using WebApi;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPromptGuard(builder.Configuration.GetSection("PromptGuard"));
builder.Services.AddProblemDetails();

var app = builder.Build();

app.MapPost("/images/edits", (ImageEditRequest request) =>
        // The image model would be called here; the filter has already screened the prompt.
        TypedResults.Ok(new { status = "accepted", prompt = request.Prompt }))
    .AddEndpointFilter<PromptGuardEndpointFilter>();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
