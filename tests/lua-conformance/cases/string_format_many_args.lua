print(string.format("%s-%s-%s-%s-%s-%s-%s-%s-%s-%s", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
print(string.format("%5.1f|%-8s|%03d|%x|%q", 3.14159, "ab", 7, 255, "q"))
print(("%d items at %.2f"):format(3, 9.5))
