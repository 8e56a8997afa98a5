package kubernetes

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	yamlv2 "go.yaml.in/yaml/v2"
	"sigs.k8s.io/yaml"
)

// roundTrip is how documents were decoded before decodeYAML: YAML to JSON
// with sigs.k8s.io/yaml, then the JSON decoded.
func roundTrip(text []byte) (any, error) {
	js, err := yaml.YAMLToJSON(text)
	if err != nil {
		return nil, err
	}
	return decodeJSON(js)
}

var decodeSeeds = []string{
	"apiVersion: v1\nkind: Pod\nmetadata: {name: x, labels: {a: yes, b: 'no', c: ~}}\n",
	"a: 1\nb: 1.0\nc: 0.5\nd: -0.0\ne: 1e3\nf: 1e300\ng: 0x1F\nh: 0o17\ni: 017\nj: 1_000\n",
	"a: 9223372036854775807\nb: 9223372036854775808\nc: -9223372036854775809\nd: 18446744073709551616\n",
	"a: .inf\n", "a: -.inf\n", "a: .nan\n",
	"1: one\n2.5: two\ntrue: three\n~: four\n",
	"[1, 2]: x\n", "{a: 1}: x\n",
	"a: !!binary /w==\n", "a: !!binary aGVsbG8=\n",
	"a: 2001-12-14t21:59:43.10-05:00\nb: 2001-12-14\n",
	"base: &b {x: 1, y: [1, 2]}\nderived: {<<: *b, y: 3}\n", // y is true in YAML 1.1
	"base: &b {x: 1, z: [1, 2]}\nderived: {<<: *b, z: 3}\n",
	"a: \"<tag> & \\u2028 \\ufffd\"\n",
	"a: [1, 'x', [null, {b: c}]]\n",
	"", "# only a comment\n", "- a\n- b\n", "just a string\n", "a: b: c\n", "a: [1\n",
	"a: 1\na: 2\n",
	"{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"spec\": {\"n\": 1.5e2}}",
}

// TestDecodeYAML_SameAsRoundTrip checks decodeYAML against the round trip
// through JSON on documents that take its direct path and on those that
// take the round trip, errors included.
func TestDecodeYAML_SameAsRoundTrip(t *testing.T) {
	for _, s := range decodeSeeds {
		checkDecode(t, []byte(s))
	}
	// The direct path takes the common documents.
	for _, s := range []string{decodeSeeds[0], decodeSeeds[1], decodeSeeds[13]} {
		var y any
		if err := yamlv2.Unmarshal([]byte(s), &y); err != nil {
			t.Fatal(err)
		}
		if _, ok := fromYAML(y); !ok {
			t.Errorf("%q does not take the direct path", s)
		}
	}
}

// FuzzDecodeYAML checks decodeYAML against the round trip through JSON on
// arbitrary documents.
func FuzzDecodeYAML(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "manifests", "*"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, d := range splitDocuments(data) {
			f.Add(d.text)
		}
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		checkDecode(t, text)
	})
}

func checkDecode(t *testing.T, text []byte) {
	t.Helper()
	want, wantErr := roundTrip(text)
	got, err := decodeYAML(text)
	if (err != nil) != (wantErr != nil) || err != nil && err.Error() != wantErr.Error() {
		t.Errorf("decodeYAML(%q): error %v, want %v", text, err, wantErr)
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decodeYAML(%q) (-round trip +direct):\n%s", text, diff)
	}
}

// detectByRE is Detect with its regular expressions alone, as it was
// before they ran only where their literal text occurs.
func detectByRE(name string, head []byte) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".yaml" && ext != ".yml" && ext != ".json" {
		return false
	}
	switch strings.ToLower(name) {
	case "chart.yaml", "kustomization.yaml", "kustomization.yml", "values.yaml":
		return false
	}
	if regexp.MustCompile(`\{\{`).Match(head) {
		return false
	}
	if ext == ".json" {
		return bytes.Contains(head, []byte(`"apiVersion"`)) && bytes.Contains(head, []byte(`"kind"`))
	}
	return apiVersionRE.Match(head) && kindRE.Match(head)
}

// FuzzDetect checks Detect against detectByRE.
func FuzzDetect(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add("m.yaml", []byte(s))
	}
	f.Add("m.yml", []byte("- apiVersion: v1\n  kind: Pod\n"))
	f.Add("m.yaml", []byte("\"apiVersion\" : v1\n\"kind\": x\n"))
	f.Add("m.yaml", []byte("apiVersion: v1\nkind: {{ .Values.kind }}\n"))
	f.Add("m.yaml", []byte("# apiVersion: v1\nkindly: x\n"))
	f.Fuzz(func(t *testing.T, name string, head []byte) {
		if got, want := Detect(name, head), detectByRE(name, head); got != want {
			t.Errorf("Detect(%q, %q) = %t, want %t", name, head, got, want)
		}
	})
}

// splitByLines is splitDocuments as it was, copying each document's lines.
func splitByLines(src []byte) []document {
	var docs []document
	cur := document{start: 1}
	for i, l := range bytes.SplitAfter(src, []byte("\n")) {
		t := bytes.TrimRight(l, "\r\n")
		if bytes.Equal(t, []byte("---")) || bytes.HasPrefix(t, []byte("--- ")) || bytes.HasPrefix(t, []byte("---\t")) ||
			bytes.Equal(t, []byte("...")) {
			docs = append(docs, cur)
			cur = document{start: i + 2}
			continue
		}
		cur.text = append(cur.text, l...)
	}
	return append(docs, cur)
}

// FuzzSplitDocuments checks splitDocuments and docLines against the
// line-by-line versions.
func FuzzSplitDocuments(f *testing.F) {
	for _, s := range []string{"", "\n", "---", "a: 1\n---\nb: 2\n", "---\n...\n--- # c\r\na\n---\tx\n\n", "a\n---"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		got, want := splitDocuments(src), splitByLines(src)
		if len(got) != len(want) {
			t.Fatalf("%q: %d documents, want %d", src, len(got), len(want))
		}
		for i := range got {
			if !bytes.Equal(got[i].text, want[i].text) || got[i].start != want[i].start {
				t.Errorf("%q: document %d is %q at %d, want %q at %d", src, i, got[i].text, got[i].start, want[i].text, want[i].start)
			}
			var first, last int
			for j, l := range bytes.Split(want[i].text, []byte("\n")) {
				if l := bytes.TrimSpace(l); len(l) > 0 && l[0] != '#' {
					if first == 0 {
						first = want[i].start + j
					}
					last = want[i].start + j
				}
			}
			if f, l := docLines(got[i]); f != first || l != last {
				t.Errorf("%q: document %d lines %d-%d, want %d-%d", src, i, f, l, first, last)
			}
		}
	})
}
