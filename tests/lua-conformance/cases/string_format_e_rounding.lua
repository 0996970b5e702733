for _, v in ipairs{9.9999995, 0.000099999, 1.25, 1.35, 2.675, 1e21, 5e-324, 1.7976931348623157e308} do print(string.format("%.2e %.6g %.3f %g", v, v, v, v)) end
