package scan

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/google/go-cmp/cmp"
)

// withFormat registers a file format for the length of a test: files whose
// first line is "#format: probe" are read as one resource per later line.
func withFormat(t *testing.T) {
	t.Helper()
	saved := fileFormats
	t.Cleanup(func() { fileFormats = saved })
	fileFormats = append(slices.Clone(saved), fileFormat{
		name:  "probe",
		match: func(_ string, head []byte) bool { return bytes.HasPrefix(head, []byte("#format: probe\n")) },
		load: func(_ context.Context, path string, src []byte, _ Params) ([]attest.Resource, attest.Diagnostics) {
			var rs []attest.Resource
			for i, line := range bytes.Split(bytes.TrimSpace(src), []byte("\n"))[1:] {
				rs = append(rs, attest.Resource{Type: "probe", Address: string(line), Format: "probe",
					Range: attest.Range{File: path, StartLine: i + 2, EndLine: i + 2}})
			}
			return rs, nil
		},
	})
}

func TestFindInputs_FileFormats(t *testing.T) {
	withFormat(t)
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a/one.txt", "#format: probe\nx\ny\n")
	write("b/other.txt", "not a known format\n")
	write(".hidden/two.txt", "#format: probe\nz\n")
	write("empty.txt", "")
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("#format: probe\nsecret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}

	inputs, diags := findInputs([]string{dir}, "", nil)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	// The file is no larger than the head read to detect it: its content
	// is kept for loading rather than read again.
	want := []input{{path: filepath.Join(dir, "a", "one.txt"), format: "probe", src: []byte("#format: probe\nx\ny\n")}}
	if diff := cmp.Diff(want, inputs, cmp.AllowUnexported(input{})); diff != "" {
		t.Errorf("inputs (-want +got) (hidden folders, links, empty and unknown files are skipped):\n%s", diff)
	}

	t.Run("a file named directly", func(t *testing.T) {
		inputs, diags := findInputs([]string{filepath.Join(dir, "a", "one.txt")}, "", nil)
		if len(diags) != 0 || len(inputs) != 1 || inputs[0].format != "probe" {
			t.Errorf("inputs %+v, diagnostics %v", inputs, diags)
		}
	})
	t.Run("loaded", func(t *testing.T) {
		// From the kept content, and from the file when none was kept.
		read := want[0]
		read.src = nil
		for _, in := range []input{want[0], read} {
			res, diags, _ := loadOne(context.Background(), in, Params{})
			if len(diags) != 0 || len(res) != 2 || res[1].Address != "y" || res[1].Range.StartLine != 3 {
				t.Errorf("resources %+v, diagnostics %v", res, diags)
			}
		}
	})
	t.Run("nothing to scan names the formats", func(t *testing.T) {
		_, diags := findInputs([]string{filepath.Join(dir, "b")}, "", nil)
		if len(diags) != 1 || !bytes.Contains([]byte(diags[0].Summary), []byte("state files (*.tfstate), ")) ||
			!bytes.Contains([]byte(diags[0].Summary), []byte(", probe in this folder")) {
			t.Errorf("diagnostics %v", diags)
		}
	})
}
