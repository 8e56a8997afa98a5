module "logs" {
  source = "./modules/bucket"
  name   = "logs"
}

resource "aws_cloudtrail" "t" {
  name           = "trail"
  s3_bucket_name = module.logs.name
}

module "data" {
  source = "./modules/bucket"
  name   = "data-${aws_cloudtrail.t.name}"
}

module "more" {
  source   = "./modules/bucket"
  for_each = toset(["m1", "m2", "m3"])
  name     = each.key
  tags     = { Trail = aws_cloudtrail.t.name }
}
