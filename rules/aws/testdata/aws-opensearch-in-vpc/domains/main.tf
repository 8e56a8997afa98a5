variable "vpc_options" {
  type = object({ subnet_ids = list(string) })
}

resource "aws_subnet" "private" {
  vpc_id     = "vpc-1"
  cidr_block = "10.0.1.0/24"
}

resource "aws_opensearch_domain" "private" {
  domain_name = "search"

  vpc_options {
    subnet_ids         = [aws_subnet.private.id]
    security_group_ids = ["sg-1"]
  }
}

resource "aws_opensearch_domain" "public" {
  domain_name = "public"
}

resource "aws_elasticsearch_domain" "per_env" {
  for_each    = { prod = ["subnet-1"], sandbox = [] }
  domain_name = each.key

  dynamic "vpc_options" {
    for_each = length(each.value) > 0 ? [each.value] : []
    content {
      subnet_ids = vpc_options.value
    }
  }
}

resource "aws_opensearch_domain" "configurable" {
  domain_name = "cfg"

  dynamic "vpc_options" {
    for_each = [var.vpc_options]
    content {
      subnet_ids = vpc_options.value.subnet_ids
    }
  }
}
