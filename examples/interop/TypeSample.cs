using System.Globalization;
using LuaVm;

namespace InteropExample;

#region types
public sealed class Vector2(double x, double y)
{
    public double X { get; set; } = x;
    public double Y { get; set; } = y;
    public double Length => Math.Sqrt(X * X + Y * Y);
    [LuaHidden] public string DebugId => "not for scripts";

    public static Vector2 Zero => new(0, 0);
    public static Vector2 Parse(string text)
    {
        var parts = text.Split(',');
        return new(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public Vector2 Scale(double k) => new(X * k, Y * k);
    public event Action<Vector2>? Moved;
    public void MoveBy(double dx, double dy)
    {
        X += dx;
        Y += dy;
        Moved?.Invoke(this);
    }

    public static Vector2 operator +(Vector2 a, Vector2 b) => new(a.X + b.X, a.Y + b.Y);
    public override string ToString() => $"({X}, {Y})";
}

public enum Direction { North, East, South, West }
#endregion

public static class TypeSample
{
    public static void Run()
    {
        #region registertype
        using var lua = new LuaState();
        lua.RegisterType<Vector2>();       // the global Vector2: constructors and static members
        lua.RegisterType<Direction>();     // the global Direction: North = 0, East = 1, ...
        lua.DoString("""
            local v = Vector2(3, 4)                          -- or Vector2.new(3, 4)
            print(v.Length, v:Scale(2), v + Vector2.Parse("1,1"), Vector2.Zero)
            v.Moved:add(function(p) print("moved to", p) end)
            v:MoveBy(1, 0)
            v.Y = 10
            print(v, Direction.South)
            print(pcall(function() return v.DebugId end))
            """, "=sample");
        #endregion
    }
}
