local function classify(n)
  if n < 0 then return "negative"
  elseif n == 0 then return "zero"
  elseif n < 10 then return "small"
  else return "large" end
end
print(classify(-5), classify(0), classify(5), classify(50))
if nil then print(1) elseif false then print(2) else print(3) end
if 1 then end
