resource "aws_s3_bucket" "logs" {
  bucket = "acme-audit-logs"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = "acme-audit-logs"
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "DenyInsecureTransport",
          "Effect": "Deny",
          "Principal": {"AWS": "*"},
          "Action": "s3:*",
          "Resource": ["arn:aws:s3:::acme-audit-logs", "arn:aws:s3:::acme-audit-logs/*"],
          "Condition": {"Bool": {"aws:SecureTransport": ["false"]}}
        }
      ]
    }
  POLICY
}

resource "aws_s3_bucket" "other" {
  bucket = "acme-other"
}

# Names a bucket that is not in this configuration: joins to nothing here.
resource "aws_s3_bucket_policy" "elsewhere" {
  bucket = "acme-elsewhere"
  policy = <<-POLICY
    {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
      "Resource": "arn:aws:s3:::acme-elsewhere/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
  POLICY
}
