rotate = true
from_file = "x"
