package dockerfile_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest/iac/dockerfile"
)

// FuzzLoad feeds arbitrary files to the loader: it must not panic, and it
// must give either one resource whose instructions lie inside the file or
// an error diagnostic with a line, never both and never neither. The seed
// corpus is every Dockerfile under testdata (good and bad).
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.Dockerfile")
	bad, _ := filepath.Glob("testdata/bad/*.Dockerfile")
	for _, p := range append(seeds, bad...) {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("FROM a\nRUN <<A <<B\na\nA\nb\nB\n"))
	f.Add([]byte("ARG X=${Y:-${Z:+w}}\nFROM $X AS x\nFROM x\nCOPY --from=x [\"a\", \"b\"] /c/\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		// Build arguments named as the seeds' ARGs, with values that
		// hold expansion syntax (used as given, never expanded).
		opts := dockerfile.Options{}
		if len(src)%2 == 1 {
			opts.BuildArgs = map[string]string{"X": "${Y}", "BASE": "a:b@c", "TAG": "", "TARGETARCH": "x"}
		}
		rs, diags := dockerfile.Load("Dockerfile", src, opts)
		switch {
		case diags.HasErrors():
			if len(rs) != 0 {
				t.Fatalf("resources and errors: %v", diags)
			}
			for _, d := range diags {
				if d.Severity == "error" && d.Pos.Line < 0 {
					t.Fatalf("error without a line: %v", d)
				}
			}
		case len(rs) != 1:
			t.Fatalf("%d resources, no error", len(rs))
		default:
			lines := int64(bytes.Count(src, []byte("\n")) + 1)
			stages := rs[0].Attributes["stages"].([]any)
			if len(stages) == 0 {
				t.Fatal("no stages")
			}
			for _, s := range stages {
				for _, in := range s.(map[string]any)["instructions"].([]any) {
					in := in.(map[string]any)
					if l, e := in["line"].(int64), in["end_line"].(int64); l < 1 || e < l || e > lines {
						t.Fatalf("instruction %v at lines %d-%d of %d", in["original"], l, e, lines)
					}
				}
			}
		}
	})
}
