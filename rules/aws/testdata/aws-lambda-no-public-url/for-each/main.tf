resource "aws_lambda_function_url" "per_function" {
  for_each           = { billing = "AWS_IAM", hooks = "NONE" }
  function_name      = each.key
  authorization_type = each.value
}
