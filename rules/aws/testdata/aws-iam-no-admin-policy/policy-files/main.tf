resource "aws_iam_policy" "from_file" {
  name   = "ops-admin"
  policy = file("${path.module}/policies/admin.json")
}

resource "aws_iam_policy" "templated" {
  name = "bucket-reader"
  policy = templatefile("${path.module}/policies/reader.json.tftpl", {
    bucket = "acme-reports"
  })
}
