namespace WebApi;

/// <summary>The body of POST /images/edits: an instruction, and the photo to edit (base64).</summary>
public sealed record ImageEditRequest(string Prompt, string? Image);
