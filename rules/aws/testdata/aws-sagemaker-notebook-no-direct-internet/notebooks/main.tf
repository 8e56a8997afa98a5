variable "access" {
  type = string
}

resource "aws_sagemaker_notebook_instance" "private" {
  name                   = "private"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker"
  instance_type          = "ml.t3.medium"
  subnet_id              = "subnet-0a"
  security_groups        = ["sg-0a"]
  direct_internet_access = "Disabled"
}

resource "aws_sagemaker_notebook_instance" "team" {
  for_each      = toset(["research", "fraud"])
  name          = each.key
  role_arn      = "arn:aws:iam::111122223333:role/sagemaker"
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "open" {
  name                   = "open"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Enabled"
}

resource "aws_sagemaker_notebook_instance" "configurable" {
  name                   = "configurable"
  role_arn               = "arn:aws:iam::111122223333:role/sagemaker"
  instance_type          = "ml.t3.medium"
  subnet_id              = "subnet-0a"
  security_groups        = ["sg-0a"]
  direct_internet_access = var.access
}
