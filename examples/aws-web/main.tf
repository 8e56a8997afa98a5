# A small web service on AWS: an EKS cluster runs the app, Postgres on RDS
# holds its data, S3 keeps uploads and logs. Some of it is deliberately not
# compliant so that `attest scan` has something to say.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

locals {
  name = "${var.project}-${var.environment}"
  tags = {
    project     = var.project
    environment = var.environment
  }
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "data" {
  description         = "${local.name} data at rest"
  enable_key_rotation = true
  tags                = local.tags
}

resource "aws_kms_key" "logs" {
  description = "${local.name} audit logs"
  # Rotation is off: attest flags it.
  enable_key_rotation = false
}
