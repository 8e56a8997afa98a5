module "recorder" {
  source = "./modules/recorder"
}

resource "aws_config_delivery_channel" "this" {
  name           = "default"
  s3_bucket_name = "example-config-history"
}
