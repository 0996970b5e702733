namespace VectorModule;

/// <summary>The .NET object behind a Lua vector userdata.</summary>
public sealed record Vector(double X, double Y)
{
    /// <summary>Euclidean length.</summary>
    public double Length => Math.Sqrt(X * X + Y * Y);
}
