using InteropExample;

// Each sample is a region that docs/embedding.md shows verbatim (tests/kraken/InteropExampleTests.cs).
DelegateSample.Run();
TypeSample.Run();
TableSample.Run();
SandboxSample.Run();
await AsyncSample.Run();
BasicsSample.Run();
