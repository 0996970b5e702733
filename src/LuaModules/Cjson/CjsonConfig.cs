namespace LuaModules.Cjson;

/// <summary>
/// The settings of one cjson module table (require "cjson", require "cjson.safe" and each
/// cjson.new() have their own), with lua-cjson 2.1's defaults. The configuration functions of
/// <see cref="CjsonModule"/> read and change them; the encoder and decoder only read them.
/// </summary>
internal sealed class CjsonConfig
{
    /// <summary>encode_sparse_array's convert: excessively sparse arrays become objects instead of errors.</summary>
    public int SparseConvert;
    /// <summary>encode_sparse_array's ratio: 0 never excessively sparse, else max index &gt; items * ratio is.</summary>
    public int SparseRatio = 2;
    /// <summary>encode_sparse_array's safe: arrays with a max index up to this are never excessively sparse.</summary>
    public int SparseSafe = 10;
    /// <summary>Tables nested deeper than this are an encoding error.</summary>
    public int EncodeMaxDepth = 1000;
    /// <summary>Arrays/objects nested deeper than this are a decoding error.</summary>
    public int DecodeMaxDepth = 1000;
    /// <summary>0: NaN and infinities are an error; 1: written as nan/inf; 2: written as null.</summary>
    public int EncodeInvalidNumbers;
    /// <summary>1: the decoder accepts inf, nan, hexadecimal numbers, leading zeros and '+'; 0: it rejects them.</summary>
    public int DecodeInvalidNumbers = 1;
    /// <summary>1: <see cref="KeptEncoder"/> keeps its buffer between calls; 0: each encode uses a fresh one.</summary>
    public int EncodeKeepBuffer = 1;
    /// <summary>Significant digits of encoded numbers (%.14g by default), 1 to 14.</summary>
    public int EncodeNumberPrecision = 14;

    /// <summary>The encoder whose buffer is reused while <see cref="EncodeKeepBuffer"/> is on (null when off).</summary>
    public JsonEncoder? KeptEncoder = new();
}
