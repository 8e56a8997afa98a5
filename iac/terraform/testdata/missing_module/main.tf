resource "aws_s3_bucket" "kept" {
  bucket = "kept"
}

module "gone" {
  source = "./modules/gone"
}

module "remote" {
  source = "git::https://example.com/vpc.git"
}
