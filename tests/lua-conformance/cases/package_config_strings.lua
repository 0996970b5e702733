print(type(package.path), type(package.cpath), package.loadlib ~= nil)
print(select("#", package.loadlib("/nonexistent.so", "f")))
