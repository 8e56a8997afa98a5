package kubernetes_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/kubernetes"
	"github.com/google/go-cmp/cmp"
)

func load(t *testing.T, name string) ([]attest.Resource, attest.Diagnostics) {
	t.Helper()
	path := filepath.Join("testdata", "manifests", name)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return kubernetes.Load(path, src)
}

func TestLoad_Documents(t *testing.T) {
	rs, diags := load(t, "multi.yaml")
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	type got struct {
		Type, Address string
		Start, End    int
		PodSpec       bool
	}
	var out []got
	for _, r := range rs {
		_, ok := r.Attributes["pod_spec"]
		out = append(out, got{r.Type, r.Address, r.Range.StartLine, r.Range.EndLine, ok})
	}
	want := []got{
		{"Pod", "Pod/default/web", 2, 12, true},
		{"Deployment", "Deployment/payments/api", 14, 26, true},
		{"Widget", "Widget/default/w", 29, 34, false},
		{"ClusterRole", "ClusterRole/reader", 44, 48, false},
		{"CronJob", "CronJob/ops/nightly", 49, 62, true},
	}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
	// Values are read as kubectl reads them: "yes" is true.
	if v := rs[0].Attributes["pod_spec"].(map[string]any)["hostNetwork"]; v != true {
		t.Errorf("hostNetwork = %#v, want true", v)
	}
	if rs[0].Attributes["namespace_defaulted"] != true || rs[1].Attributes["namespace_defaulted"] != nil {
		t.Errorf("namespace_defaulted: %v, %v", rs[0].Attributes["namespace_defaulted"], rs[1].Attributes["namespace_defaulted"])
	}
	// The pod template's metadata is normalised too.
	if m, _ := rs[1].Attributes["pod_metadata"].(map[string]any); m["labels"] == nil {
		t.Errorf("Deployment pod_metadata = %v", rs[1].Attributes["pod_metadata"])
	}
	if c := rs[4].Attributes["pod_spec"].(map[string]any)["containers"].([]any)[0].(map[string]any)["image"]; c != "busybox" {
		t.Errorf("CronJob pod_spec image = %v", c)
	}
}

func TestLoad_JSON(t *testing.T) {
	rs, diags := load(t, "sts.json")
	if len(diags) != 0 || len(rs) != 1 {
		t.Fatalf("%d resources, diagnostics: %v", len(rs), diags)
	}
	if rs[0].Address != "StatefulSet/data/db" || rs[0].Range.StartLine != 1 || rs[0].Range.EndLine != 6 || rs[0].Attributes["pod_spec"] == nil {
		t.Errorf("got %s %v pod_spec=%v", rs[0].Address, rs[0].Range, rs[0].Attributes["pod_spec"] != nil)
	}
}

func TestLoad_Error(t *testing.T) {
	rs, diags := load(t, "bad.yaml")
	if len(rs) != 1 || rs[0].Address != "ConfigMap/default/ok" {
		t.Errorf("the valid document is still loaded: %v", rs)
	}
	if len(diags) != 1 || diags[0].Pos.Line < 6 || !strings.Contains(diags[0].String(), "bad.yaml:") {
		t.Errorf("want one error inside the second document, got %v", diags)
	}
}

// TestLoad_WorkloadKinds proves that every workload kind exposes its pod
// spec in pod_spec, so that one rule reading pod_spec covers them all.
func TestLoad_WorkloadKinds(t *testing.T) {
	tmpl := "template:\n    metadata:\n      labels: {a: b}\n    spec:\n      containers: [{name: c, image: x}]\n"
	for kind, path := range kubernetes.WorkloadKinds {
		t.Run(kind, func(t *testing.T) {
			var body string
			switch {
			case kind == "Pod":
				body = "spec:\n  containers: [{name: c, image: x}]\n"
			case kind == "PodTemplate":
				body = strings.ReplaceAll("template:\n  metadata:\n    labels: {a: b}\n  spec:\n    containers: [{name: c, image: x}]\n", "\n    ", "\n    ")
			case kind == "CronJob":
				body = "spec:\n  jobTemplate:\n    spec:\n      " + strings.ReplaceAll(tmpl, "\n", "\n    ")
			default:
				body = "spec:\n  " + tmpl
			}
			src := "apiVersion: x/v1\nkind: " + kind + "\nmetadata:\n  name: n\n" + body
			rs, diags := kubernetes.Load("k.yaml", []byte(src))
			if len(diags) != 0 || len(rs) != 1 {
				t.Fatalf("%d resources, %v\n%s", len(rs), diags, src)
			}
			spec, ok := rs[0].Attributes["pod_spec"].(map[string]any)
			if !ok || spec["containers"] == nil {
				t.Fatalf("pod_spec at %v missing: %v\n%s", path, rs[0].Attributes, src)
			}
			if _, ok := rs[0].Attributes["pod_metadata"].(map[string]any); !ok {
				t.Errorf("pod_metadata missing")
			}
		})
	}
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		name, head string
		want       bool
	}{
		{"a.yaml", "apiVersion: v1\nkind: Pod\n", true},
		{"a.yml", "---\n# c\napiVersion: v1\nkind: Pod\n", true},
		{"a.json", `{"apiVersion": "v1", "kind": "Pod"}`, true},
		{"a.yaml", "name: x\n", false},
		{"a.txt", "apiVersion: v1\nkind: Pod\n", false},
		{"Chart.yaml", "apiVersion: v2\nkind: x\n", false},
		{"kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n", false},
		{"d.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n", false},
	} {
		if got := kubernetes.Detect(c.name, []byte(c.head)); got != c.want {
			t.Errorf("Detect(%q, %q) = %v, want %v", c.name, c.head, got, c.want)
		}
	}
}
