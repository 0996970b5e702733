namespace LuaVm.Library.Io;

/// <summary>
/// The files a state's io library has opened, held weakly (a file nobody references can still be
/// collected) so that the end of the program can flush the ones left open.
/// </summary>
internal sealed class OpenFileList
{
    private readonly List<WeakReference<LuaFile>> _files = [];
    private int _pruneAt = 64;

    public void Add(LuaFile file)
    {
        if (_files.Count >= _pruneAt)
        {
            _files.RemoveAll(w => !w.TryGetTarget(out var f) || f.IsClosed);
            _pruneAt = Math.Max(64, _files.Count * 2);
        }
        _files.Add(new WeakReference<LuaFile>(file));
    }

    /// <summary>Flushes every open file; errors (a full disk, a closed pipe) are ignored, as at C's exit.</summary>
    public void FlushAll()
    {
        foreach (var w in _files)
        {
            if (!w.TryGetTarget(out var f) || f.IsClosed) continue;
            try
            {
                f.Stream.Flush();
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
