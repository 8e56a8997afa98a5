package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest/iac/cloudformation"
)

// TestCloudFormation checks that every generated template is detected and
// loads without an error, and that nothing else in the tree is taken for one.
func TestCloudFormation(t *testing.T) {
	dir := t.TempDir()
	if err := CloudFormation(dir, 40, 7); err != nil {
		t.Fatal(err)
	}
	var templates, resources int
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !cloudformation.Detect(d.Name(), src) {
			return nil
		}
		templates++
		rs, diags := cloudformation.Load(p, src, cloudformation.Options{})
		if diags.HasErrors() || len(rs) < 6 {
			t.Errorf("%s: %d resources, diagnostics %v", p, len(rs), diags)
		}
		resources += len(rs)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if templates != 40 {
		t.Errorf("%d files detected as templates, want 40", templates)
	}
	t.Logf("%d resources in %d templates", resources, templates)
}
