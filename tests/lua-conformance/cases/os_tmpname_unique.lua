local a, b = os.tmpname(), os.tmpname()
print(type(a), a ~= b, io.open(a) ~= nil)
os.remove(a); os.remove(b)
