print(os.setlocale("C"), os.setlocale(nil), os.setlocale("C", "numeric"), os.setlocale("xx_invalid_locale"))
print(pcall(os.setlocale, "C", "nonsense"))
