package terraform

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// FuzzJSONToNative feeds *.tf.json input to the JSON-to-native rewriter: it
// must not panic, must not write more lines than the JSON has plus one a
// block (a block opened on a line that already holds something moves the
// rest down by one), and HCL must be able to parse what it writes without
// panicking.
func FuzzJSONToNative(f *testing.F) {
	for _, name := range []string{"json/main.tf.json", "override/z_override.tf.json"} {
		src, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte(`{"locals": {"x": "${a["}"}}`))
	f.Add([]byte(`{"resource": {"t": {"n": [{"dynamic": {"d": {"content": {"a": "%{if x}y%{endif}"}}}}]}}}`))
	f.Add([]byte(`{"variable": {"v": {"type": "map(\"x\")", "default": {"k\u0000": [1, 2.5e3, null, true]}}}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		out, err := jsonToNative(src)
		if err != nil {
			return
		}
		lines := bytes.Count(src, []byte{'\n'}) + 1
		blocks := bytes.Count(src, []byte{'{'}) + bytes.Count(src, []byte{'['})
		if got := bytes.Count(out, []byte{'\n'}); got > lines+2*blocks+1 {
			t.Errorf("native form has %d lines, the JSON %d with %d objects", got, lines, blocks)
		}
		hclsyntax.ParseConfig(out, "fuzz.tf", hcl.InitialPos)
	})
}
