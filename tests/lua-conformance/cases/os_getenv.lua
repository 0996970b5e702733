print(os.getenv("KRAKEN_SURELY_UNSET_VARIABLE_123"), type(os.getenv("PATH")))
print(pcall(os.getenv))
