print(("hello 123 world"):match("%d+"), ("hello"):match("(h)(e)"), ("abc"):match("()"), ("x=1, y=2"):match("y=(%d)"))
print(("  trim  "):match("^%s*(.-)%s*$"), ("abc"):match("^b"), ("abc"):match("c$"), ("a+b"):match("a%+b"))
