print(("aaab"):match("a*"), ("aaab"):match("a+b"), ("aaab"):match("a-b"), ("b"):match("a?b"), ("<a><b>"):match("<(.-)>"), ("<a><b>"):match("<(.*)>"))
