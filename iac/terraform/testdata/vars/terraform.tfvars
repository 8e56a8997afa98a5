a    = "tfvars"
b    = "tfvars"
c    = "tfvars"
d    = "tfvars"
e    = "tfvars"
port = "8443"
cfg = {
  name = "app-logs"
}
