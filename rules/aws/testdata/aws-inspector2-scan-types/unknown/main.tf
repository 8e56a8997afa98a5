variable "scan_types" {
  type = list(string)
}

resource "aws_inspector2_enabler" "from_variable" {
  account_ids    = ["111122223333"]
  resource_types = var.scan_types
}
