using Microsoft.Extensions.AI;

namespace MeaiPipeline;

/// <summary>Stands in for a real image model: answers every request with a tiny PNG and counts its calls.</summary>
public sealed class FakeImageGenerator : IImageGenerator
{
    public int Calls { get; private set; }

    public Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Task.FromResult(new ImageGenerationResponse([new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png")]));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
