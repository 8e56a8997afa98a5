package cloudformation

import (
	"path"
	"slices"
	"strings"
	"testing"
)

// detectByRE is Detect with its regular expressions alone, as it was
// before they ran only where their literal text occurs.
func detectByRE(name string, head []byte) bool {
	ext := strings.ToLower(path.Ext(name))
	if ext != "" && !slices.Contains(extensions, ext) {
		return false
	}
	return reVersion.Match(head) || reResources.Match(head) && reAWSType.Match(head)
}

// FuzzDetect checks Detect against detectByRE.
func FuzzDetect(f *testing.F) {
	for _, s := range []string{
		"AWSTemplateFormatVersion: '2010-09-09'\n",
		`{"AWSTemplateFormatVersion": "2010-09-09"}`,
		"Resources:\n  B:\n    Type: AWS::S3::Bucket\n",
		`{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`,
		"Resources:\n  cpu: 2\n",
		"x: AWSTemplateFormatVersion\n",
		"apiVersion: v1\nkind: Pod\n",
	} {
		f.Add("t.yaml", []byte(s))
	}
	f.Fuzz(func(t *testing.T, name string, head []byte) {
		if got, want := Detect(name, head), detectByRE(name, head); got != want {
			t.Errorf("Detect(%q, %q) = %t, want %t", name, head, got, want)
		}
	})
}
