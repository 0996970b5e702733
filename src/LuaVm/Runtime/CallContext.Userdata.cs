namespace LuaVm.Runtime;

// Argument checks for userdata that wrap .NET objects (luaL_checkudata's role).
public readonly partial struct CallContext
{
    /// <summary>
    /// The .NET object of type <typeparamref name="T"/> wrapped by the userdata at argument
    /// <paramref name="n"/>; otherwise raises lua5.1's "bad argument #n to 'f' (T expected, got U)"
    /// with <paramref name="typeName"/> as T.
    /// </summary>
    public T CheckUserdata<T>(int n, string typeName) where T : class =>
        (this[n].Obj as LuaUserdata)?.Value as T ?? throw TypeError(n, typeName);

    /// <summary>The .NET object of type <typeparamref name="T"/> wrapped by argument <paramref name="n"/>, or null.</summary>
    public T? ToUserdata<T>(int n) where T : class => (this[n].Obj as LuaUserdata)?.Value as T;
}
