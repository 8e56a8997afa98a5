variable "option" {
  type = string
}

resource "aws_kms_key" "athena" {
  description = "athena results"
}

resource "aws_athena_workgroup" "analysts" {
  name = "analysts"

  configuration {
    result_configuration {
      output_location = "s3://example-athena-results/analysts/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = aws_kms_key.athena.arn
      }
    }
  }
}

resource "aws_athena_workgroup" "teams" {
  for_each = toset(["finance", "support"])
  name     = each.key

  configuration {
    result_configuration {
      output_location = "s3://example-athena-results/${each.key}/"
    }
  }
}

resource "aws_athena_workgroup" "bare" {
  name = "bare"
}

resource "aws_athena_workgroup" "configurable" {
  name = "configurable"

  configuration {
    result_configuration {
      output_location = "s3://example-athena-results/configurable/"

      encryption_configuration {
        encryption_option = var.option
      }
    }
  }
}
