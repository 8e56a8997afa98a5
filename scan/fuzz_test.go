package scan_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/scan"
)

// FuzzLoadConfig reads a .attest.yaml: whatever it holds, the result is a
// configuration or an invalid-input error that names the file, never a panic
// or an internal error, and a small file cannot make it allocate without
// bound.
func FuzzLoadConfig(f *testing.F) {
	for _, p := range []string{
		"testdata/waivers/.attest.yaml", "testdata/limits/.attest.yaml", "testdata/config/missing-owner.yaml",
		"testdata/config/bad-field.yaml", "testdata/config/bad-limit.yaml", "../examples/aws-web/.attest.yaml",
	} {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("rules:\n  dirs: [../../etc]\nvar_files: [/etc/passwd]\nvariables: {a: b}\n"))
	f.Add([]byte("exceptions:\n  - {rule: r, owner: o, justification: j, expires: 2024-02-30, resource: '[x'}\n"))
	f.Add([]byte("vulns: {anything: [1, 2]}\nfail_on: none\n"))
	f.Add([]byte("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"))
	f.Add([]byte("limits: {max_string_length: 99999999999999999999}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), scan.ConfigFile)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		cfg, err := scan.LoadConfig(path, false)
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
			t.Errorf("reading %d bytes allocated %d MiB", len(data), alloc>>20)
		}
		if err != nil {
			if code := attest.ErrorCode(err); code != attest.EINVALID {
				t.Errorf("error code %q, want %q: %v", code, attest.EINVALID, err)
			}
			if msg := attest.ErrorMessage(err); !strings.Contains(msg, path) && !strings.Contains(msg, "config") {
				t.Errorf("error %q names neither the file nor the config", msg)
			}
			return
		}
		if cfg.Path != path {
			t.Errorf("Path = %q, want %q", cfg.Path, path)
		}
		for _, e := range cfg.Exceptions {
			if e.RuleID == "" || e.Owner == "" || e.Justification == "" || e.Expires.IsZero() || e.Source.File != path {
				t.Errorf("incomplete exception accepted: %+v", e)
			}
		}
		for _, v := range []int{cfg.Limits.MaxStringLength, cfg.Limits.MaxCollectionLength, cfg.Limits.MaxProductSize, cfg.Limits.MaxIterations, cfg.Limits.MaxValueBytes} {
			if v < 0 {
				t.Errorf("negative limit accepted: %+v", cfg.Limits)
			}
		}
	})
}
