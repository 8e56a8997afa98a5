package scan

import "testing"

func TestMatchesResource(t *testing.T) {
	for _, tc := range []struct {
		pattern, root, addr string
		want                bool
	}{
		{"*", "r", `module.b["x"].aws_s3_bucket.this`, true},
		{`module.b["x"].*`, "r", `module.b["x"].aws_s3_bucket.this`, true},
		{`module.b["x"].*`, "r", `module.b["y"].aws_s3_bucket.this`, false},
		{`aws_s3_bucket.logs["a?c"]`, "r", `aws_s3_bucket.logs["abc"]`, true},
		{`aws_s3_bucket.logs[0]`, "r", `aws_s3_bucket.logs[0]`, true},
		{`aws_s3_bucket.logs[*]`, "r", `aws_s3_bucket.logs[12]`, true},
		{`aws_s3_bucket.logs[0]`, "r", `aws_s3_bucket.logs0`, false},
		{"stacks/*:aws_s3_bucket.logs", "stacks/web", "aws_s3_bucket.logs", true},
		{"stacks/web:aws_s3_bucket.logs", "stacks/data", "aws_s3_bucket.logs", false},
		{`module.m["a:b"].*`, "r", `module.m["a:b"].aws_kms_key.k`, true},
		{"aws_*.logs", "r", "aws_s3_bucket.logs", true},
		{"aws_*.logs", "r", "aws_s3_bucket.logs2", false},
		{"**", "r", "", true},
		{`aws_s3_object.files[*]`, "r", `aws_s3_object.files["css/site.css"]`, true},
		{`aws_s3_object.files["css/*"]`, "r", `aws_s3_object.files["css/site.css"]`, true},
		{`aws_s3_object.files["css/*"]`, "r", `aws_s3_object.files["js/site.js"]`, false},
	} {
		if got := matchesResource(tc.pattern, tc.root, tc.addr); got != tc.want {
			t.Errorf("matchesResource(%q, %q, %q) = %v, want %v", tc.pattern, tc.root, tc.addr, got, tc.want)
		}
	}
}
