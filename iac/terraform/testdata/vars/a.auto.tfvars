c = "auto-a"
d = "auto-a"
e = "auto-a"
