package kubernetes

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac"
	yamlv2 "go.yaml.in/yaml/v2"
	yamlv3 "go.yaml.in/yaml/v3"
	"sigs.k8s.io/yaml"
)

// WorkloadKinds are the kinds that hold a pod template, with the path of
// their pod spec. Rules about pods list these kinds as resource types and
// read the normalised pod_spec attribute.
var WorkloadKinds = map[string][]string{
	"Pod":                   {"spec"},
	"PodTemplate":           {"template", "spec"},
	"Deployment":            {"spec", "template", "spec"},
	"StatefulSet":           {"spec", "template", "spec"},
	"DaemonSet":             {"spec", "template", "spec"},
	"ReplicaSet":            {"spec", "template", "spec"},
	"ReplicationController": {"spec", "template", "spec"},
	"Job":                   {"spec", "template", "spec"},
	"Rollout":               {"spec", "template", "spec"},
	"CronJob":               {"spec", "jobTemplate", "spec", "template", "spec"},
}

// clusterScoped are the built-in kinds that live outside namespaces; their
// address has no namespace.
var clusterScoped = map[string]bool{
	"Namespace": true, "Node": true, "PersistentVolume": true, "StorageClass": true,
	"ClusterRole": true, "ClusterRoleBinding": true, "CustomResourceDefinition": true,
	"PriorityClass": true, "RuntimeClass": true, "IngressClass": true, "CSIDriver": true,
	"ValidatingWebhookConfiguration": true, "MutatingWebhookConfiguration": true,
	"ValidatingAdmissionPolicy": true, "ValidatingAdmissionPolicyBinding": true,
	"APIService": true, "PodSecurityPolicy": true, "VolumeAttachment": true,
	"CertificateSigningRequest": true, "ClusterIssuer": true,
}

// DefaultNamespace is the namespace given to a namespaced object that names
// none.
const DefaultNamespace = "default"

var (
	apiVersionRE = regexp.MustCompile(`(?m)^[ \t-]*"?apiVersion"?[ \t]*:`)
	kindRE       = regexp.MustCompile(`(?m)^[ \t-]*"?kind"?[ \t]*:`)
)

// Detect reports whether a file is a Kubernetes manifest, from its base name
// and its first bytes: a .yaml, .yml or .json file with apiVersion and kind
// keys. Helm's Chart.yaml, kustomization files and Helm templates (which
// are not YAML until rendered) are not manifests.
func Detect(name string, head []byte) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".yaml" && ext != ".yml" && ext != ".json" {
		return false
	}
	switch strings.ToLower(name) {
	case "chart.yaml", "kustomization.yaml", "kustomization.yml", "values.yaml":
		return false
	}
	if bytes.Contains(head, []byte("{{")) {
		return false
	}
	if ext == ".json" {
		return bytes.Contains(head, []byte(`"apiVersion"`)) && bytes.Contains(head, []byte(`"kind"`))
	}
	// The regular expressions run only where their literal text occurs.
	return bytes.Contains(head, []byte("apiVersion")) && bytes.Contains(head, []byte("kind")) &&
		apiVersionRE.Match(head) && kindRE.Match(head)
}

// Load reads the objects of one manifest file. Root is what the resources
// belong to (the file itself for a plain manifest).
func Load(path string, src []byte) ([]attest.Resource, attest.Diagnostics) {
	return loadDocs(path, src, path, nil)
}

// document is one YAML document of a file: its text and the line (from 1)
// its text starts at.
type document struct {
	text  []byte
	start int
}

// splitDocuments cuts a YAML stream at its document markers ("---" and
// "..." at the start of a line). A block scalar cannot hold such a line,
// since its content is indented. The documents' texts are slices of src
// (with no room to append into it), not copies.
func splitDocuments(src []byte) []document {
	var docs []document
	begin, off := 0, 0 // where the current document and line start
	start := 1         // the line the current document starts at
	for line := 1; off < len(src); line++ {
		end := len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			end = off + i + 1
		}
		t := bytes.TrimRight(src[off:end], "\r\n")
		if bytes.Equal(t, []byte("---")) || bytes.HasPrefix(t, []byte("--- ")) || bytes.HasPrefix(t, []byte("---\t")) ||
			bytes.Equal(t, []byte("...")) {
			docs = append(docs, document{text: src[begin:off:off], start: start})
			begin, start = end, line+1
		}
		off = end
	}
	return append(docs, document{text: src[begin:len(src):len(src)], start: start})
}

// lineMapper turns a range within a rendered file into the range to report
// (Helm points rendered objects back at their templates); nil keeps it.
type lineMapper func(doc int, r attest.Range) attest.Range

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// loadDocs reads every document of src.
func loadDocs(file string, src []byte, root string, mapLines lineMapper) ([]attest.Resource, attest.Diagnostics) {
	if strings.EqualFold(filepath.Ext(file), ".json") {
		// A tab in JSON is only ever whitespace (inside strings it must be
		// escaped), and YAML refuses tabs as indentation.
		src = bytes.ReplaceAll(src, []byte("\t"), []byte(" "))
	}
	var out []attest.Resource
	var diags attest.Diagnostics
	for i, d := range splitDocuments(src) {
		if len(bytes.TrimSpace(d.text)) == 0 {
			continue
		}
		rs, ds := loadDocument(file, d, root)
		if mapLines != nil {
			for j := range rs {
				rs[j].Range = mapLines(i, rs[j].Range)
			}
		}
		out = append(out, rs...)
		diags = append(diags, ds...)
	}
	return out, diags
}

// loadDocument reads one document: an object, a List of objects, or
// something that is not a Kubernetes object (skipped: a file may mix other
// YAML documents with manifests).
func loadDocument(file string, d document, root string) ([]attest.Resource, attest.Diagnostics) {
	fail := func(err error) attest.Diagnostics {
		line := d.start
		msg := err.Error()
		// Both YAML libraries count lines from the document's start.
		if m := yamlLineRE.FindStringSubmatchIndex(msg); m != nil {
			n, _ := strconv.Atoi(msg[m[2]:m[3]])
			line = d.start + n - 1
			msg = msg[:m[0]] + fmt.Sprintf("line %d", line) + msg[m[1]:]
		}
		msg = strings.TrimPrefix(msg, "error converting YAML to JSON: ")
		return attest.Diagnostics{{Severity: attest.DiagError, Pos: attest.Pos{File: file, Line: line},
			Summary: "invalid Kubernetes manifest", Detail: msg}}
	}
	v, err := decodeYAML(d.text)
	if err != nil {
		return nil, fail(err)
	}
	obj, ok := v.(map[string]any)
	if !ok || !isObject(obj) {
		return nil, nil
	}
	first, last := docLines(d)
	if first == 0 {
		return nil, nil
	}
	if kind, _ := obj["kind"].(string); strings.HasSuffix(kind, "List") {
		if items, ok := obj["items"].([]any); ok {
			// Only a List needs the node tree, for its items' lines.
			var node yamlv3.Node
			_ = yamlv3.Unmarshal(d.text, &node)
			itemNodes := listItemNodes(&node)
			var out []attest.Resource
			var diags attest.Diagnostics
			for i, it := range items {
				o, ok := it.(map[string]any)
				if !ok || !isObject(o) {
					diags = append(diags, attest.Diagnostic{Severity: attest.DiagError, Pos: attest.Pos{File: file, Line: first},
						Summary: "invalid Kubernetes manifest", Detail: fmt.Sprintf("%s item %d has no apiVersion and kind", kind, i)})
					continue
				}
				r := attest.Range{File: file, StartLine: first, EndLine: last}
				if i < len(itemNodes) {
					r.StartLine = d.start + itemNodes[i] - 1
					if i+1 < len(itemNodes) {
						r.EndLine = lastContentLine(d, d.start+itemNodes[i+1]-2)
					}
				}
				out = append(out, ObjectResource(o, root, r))
			}
			return out, diags
		}
	}
	return []attest.Resource{ObjectResource(obj, root, attest.Range{File: file, StartLine: first, EndLine: last})}, nil
}

// decodeYAML reads one YAML document into the values the loaders keep, as
// Kubernetes reads it: sigs.k8s.io/yaml's YAMLToJSON (YAML 1.1 through
// yaml.v2, so "yes" is true as kubectl takes it), then decodeJSON. The
// common values (string-keyed mappings, sequences, valid UTF-8 strings,
// integers, finite floats, booleans, null) are converted straight from
// yaml.v2's result to what that round trip through JSON gives, without
// writing and reading the JSON; a document holding anything else (other
// keys, huge integers, invalid UTF-8, infinities) takes the round trip
// itself, so the values and the errors are always the same.
func decodeYAML(text []byte) (any, error) {
	var y any
	if err := yamlv2.Unmarshal(text, &y); err != nil {
		return nil, err
	}
	if v, ok := fromYAML(y); ok {
		return v, nil
	}
	js, err := yaml.YAMLToJSON(text)
	if err != nil {
		return nil, err
	}
	return decodeJSON(js)
}

// fromYAML converts a value decoded by yaml.v2 into what encoding it as
// JSON and decoding it with decodeJSON would give, or reports false for a
// value it does not convert (see decodeYAML).
func fromYAML(y any) (any, bool) {
	switch y := y.(type) {
	case nil, bool:
		return y, true
	case string:
		// JSON replaces invalid UTF-8; a valid string comes back as is.
		return y, utf8.ValidString(y)
	case int:
		return int64(y), true
	case int64:
		return y, true
	case float64:
		if math.IsInf(y, 0) || math.IsNaN(y) {
			return nil, false // JSON refuses them
		}
		// The number as encoding/json writes it, read back as
		// decodeJSON reads numbers (1.0 is written 1 and read as int64).
		js, err := json.Marshal(y)
		if err != nil {
			return nil, false
		}
		return iac.ConvertJSON(json.Number(js)), true
	case []any:
		out := make([]any, len(y))
		for i, e := range y {
			v, ok := fromYAML(e)
			if !ok {
				return nil, false
			}
			out[i] = v
		}
		return out, true
	case map[any]any:
		out := make(map[string]any, len(y))
		for k, e := range y {
			ks, ok := k.(string)
			if !ok || !utf8.ValidString(ks) {
				return nil, false
			}
			v, ok := fromYAML(e)
			if !ok {
				return nil, false
			}
			out[ks] = v
		}
		return out, true
	}
	return nil, false
}

// decodeJSON reads one JSON value with numbers as the loaders keep them
// (int64 where they fit, float64 otherwise), refusing trailing data.
func decodeJSON(js []byte) (any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the object")
	}
	return iac.ConvertJSON(v), nil
}

// DecodeObject reads one Kubernetes object from its JSON encoding, as the
// API server sends it to an admission webhook. It refuses anything that is
// not a JSON object with string apiVersion and kind.
func DecodeObject(js []byte) (map[string]any, error) {
	v, err := decodeJSON(js)
	if err != nil {
		return nil, err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("not a JSON object")
	}
	if !isObject(obj) {
		return nil, errors.New("the object has no apiVersion and kind")
	}
	return obj, nil
}

// isObject reports whether a value has the string apiVersion and kind of a
// Kubernetes object.
func isObject(o map[string]any) bool {
	a, _ := o["apiVersion"].(string)
	k, _ := o["kind"].(string)
	return a != "" && k != ""
}

// docLines returns the first and last lines of a document that are neither
// blank nor comments, or 0, 0 for a document with no content.
func docLines(d document) (first, last int) {
	i := 0
	for l := range bytes.Lines(d.text) {
		t := bytes.TrimSpace(l)
		if len(t) > 0 && t[0] != '#' {
			if first == 0 {
				first = d.start + i
			}
			last = d.start + i
		}
		i++
	}
	return first, last
}

// lastContentLine is the last line at or before line (absolute) that is
// neither blank nor a comment.
func lastContentLine(d document, line int) int {
	lines := bytes.Split(d.text, []byte("\n"))
	for i := line - d.start; i >= 0; i-- {
		if i >= len(lines) {
			continue
		}
		t := bytes.TrimSpace(lines[i])
		if len(t) > 0 && t[0] != '#' {
			return d.start + i
		}
	}
	return line
}

// listItemNodes returns the line (within the document) of each item of a
// List's items sequence.
func listItemNodes(doc *yamlv3.Node) []int {
	if doc.Kind != yamlv3.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	m := doc.Content[0]
	if m.Kind != yamlv3.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "items" && m.Content[i+1].Kind == yamlv3.SequenceNode {
			var lines []int
			for _, it := range m.Content[i+1].Content {
				lines = append(lines, it.Line)
			}
			return lines
		}
	}
	return nil
}

// ObjectResource makes the resource of one decoded object (one that has a
// string apiVersion and kind, see DecodeObject): the one conversion that
// manifests, Helm charts, Kustomize builds and the admission webhook share,
// so that a rule judges an object alike wherever it came from. Root is what
// the resource belongs to and r where it was written.
func ObjectResource(obj map[string]any, root string, r attest.Range) attest.Resource {
	kind := obj["kind"].(string)
	meta, _ := obj["metadata"].(map[string]any)
	name, _ := meta["name"].(string)
	if name == "" {
		if g, _ := meta["generateName"].(string); g != "" {
			name = g + "*"
		} else {
			name = "(unnamed)"
		}
	}
	attrs := make(map[string]any, len(obj)+2)
	for k, v := range obj {
		attrs[k] = v
	}
	addr := kind + "/" + name
	if !clusterScoped[kind] {
		ns, _ := meta["namespace"].(string)
		if ns == "" {
			ns = DefaultNamespace
			attrs["namespace_defaulted"] = true
		}
		addr = kind + "/" + ns + "/" + name
	}
	if path, ok := WorkloadKinds[kind]; ok {
		tmplPath := path[:len(path)-1]
		if spec, ok := dig(obj, path).(map[string]any); ok {
			attrs["pod_spec"] = spec
		}
		if kind == "Pod" {
			if meta != nil {
				attrs["pod_metadata"] = meta
			}
		} else if m, ok := dig(obj, append(tmplPath[:len(tmplPath):len(tmplPath)], "metadata")).(map[string]any); ok {
			attrs["pod_metadata"] = m
		}
	}
	return attest.Resource{
		Type:       kind,
		Address:    addr,
		Provider:   "kubernetes",
		Format:     attest.FormatKubernetes,
		Root:       root,
		Attributes: attrs,
		Range:      r,
	}
}

// dig follows a path of object keys.
func dig(v any, path []string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}
