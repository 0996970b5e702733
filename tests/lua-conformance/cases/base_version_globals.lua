print(_VERSION, _G._G == _G, type(_G))
