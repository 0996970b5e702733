local config = {}
config.load()
