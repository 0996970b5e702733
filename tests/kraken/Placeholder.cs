namespace Kraken.Tests;
