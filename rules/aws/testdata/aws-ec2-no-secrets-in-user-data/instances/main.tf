variable "bootstrap" {
  type = string
}

resource "aws_instance" "clean" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id orders/db --query SecretString --output text)
    systemctl start app
  EOT
}

resource "aws_instance" "leaky" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export DB_PASSWORD="hunter2hunter2"
    systemctl start app
  EOT
}

resource "aws_launch_template" "per_env" {
  for_each  = { prod = "echo ready", dev = "aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE" }
  name      = each.key
  user_data = base64encode("#!/bin/bash\n${each.value}\n")
}

resource "aws_launch_template" "configurable" {
  name      = "cfg"
  user_data = base64encode(var.bootstrap)
}
