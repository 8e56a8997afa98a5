package kubernetes_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/kubernetes"
	"github.com/google/go-cmp/cmp"
)

func openTree(t *testing.T, dir string) *os.Root {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root
}

type placed struct{ Address, Range string }

func placements(rs []attest.Resource) []placed {
	var out []placed
	for _, r := range rs {
		out = append(out, placed{r.Address, r.Range.String()})
	}
	slices.SortFunc(out, func(a, b placed) int { return strings.Compare(a.Address, b.Address) })
	return out
}

func TestLoadChart(t *testing.T) {
	dir := filepath.Join("testdata", "chart", "web")
	rs, diags := kubernetes.LoadChart(openTree(t, "testdata"), dir, kubernetes.HelmOptions{})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	tmpl := filepath.Join(dir, "templates", "deployment.yaml")
	want := []placed{
		// Each object points at its document in its template file; the
		// subchart's at the subchart's template.
		{"Deployment/default/release-name-web", tmpl + ":1-13"},
		{"Pod/default/cache", filepath.Join(dir, "charts", "cache", "templates", "pod.yaml") + ":1-8"},
		{"Service/default/release-name-web", tmpl + ":15-21"},
	}
	if diff := cmp.Diff(want, placements(rs)); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
	for _, r := range rs {
		if r.Type == "Deployment" {
			spec := r.Attributes["pod_spec"].(map[string]any)
			if spec["hostNetwork"] != false || spec["containers"].([]any)[0].(map[string]any)["image"] != "nginx:1.27.3" {
				t.Errorf("rendered with the chart's values.yaml: %v", spec)
			}
		}
	}
}

func TestLoadChart_Values(t *testing.T) {
	dir := filepath.Join("testdata", "chart", "web")
	values := filepath.Join(t.TempDir(), "prod.yaml")
	if err := os.WriteFile(values, []byte("image: nginx:latest\nhostNetwork: false\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rs, diags := kubernetes.LoadChart(openTree(t, "testdata"), dir, kubernetes.HelmOptions{
		ValueFiles: []string{values},
		Set:        []string{"hostNetwork=true,cache.enabled=false"},
	})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if got := placements(rs); len(got) != 2 {
		t.Errorf("cache.enabled=false leaves the subchart out, got %v", got)
	}
	spec := rs[0].Attributes["pod_spec"].(map[string]any)
	if spec["hostNetwork"] != true || spec["containers"].([]any)[0].(map[string]any)["image"] != "nginx:latest" {
		t.Errorf("values file then --set: %v", spec)
	}
}

func TestLoadChart_Error(t *testing.T) {
	dir := filepath.Join("testdata", "chart", "broken")
	rs, diags := kubernetes.LoadChart(openTree(t, "testdata"), dir, kubernetes.HelmOptions{})
	if len(rs) != 0 || len(diags) != 1 || diags[0].Severity != attest.DiagError ||
		!strings.Contains(diags[0].Detail, "name is required") || diags[0].Pos.File != filepath.Join(dir, "Chart.yaml") {
		t.Errorf("want Helm's message as an input error, got %v", diags)
	}
}

func TestLoadKustomization(t *testing.T) {
	tree, err := filepath.Abs(filepath.Join("testdata", "kustomize"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "kustomize", "app", "overlays", "prod")
	rs, diags := kubernetes.LoadKustomization(tree, dir)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	// The object points at its document in the base, where it is written
	// (the overlay patches it).
	want := []placed{{"Deployment/prod/api", filepath.Join("testdata", "kustomize", "app", "base", "deployment.yaml") + ":1-10"}}
	if diff := cmp.Diff(want, placements(rs)); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
	// The overlay's patch is applied.
	c := rs[0].Attributes["pod_spec"].(map[string]any)["containers"].([]any)[0].(map[string]any)
	if c["securityContext"].(map[string]any)["privileged"] != true || c["image"] != "api:1.0" {
		t.Errorf("patched container = %v", c)
	}
	// The origin annotation attest asked kustomize for is not left on the
	// object, where rules would see it.
	if m := rs[0].Attributes["metadata"].(map[string]any); m["annotations"] != nil {
		t.Errorf("metadata = %v", m)
	}
}

// TestLoadKustomization_Sources: objects of a base, of an overlay's own
// file, renamed by namePrefix, and made by a generator each point at the
// file and lines where they are written.
func TestLoadKustomization_Sources(t *testing.T) {
	tree, err := filepath.Abs(filepath.Join("testdata", "kustomize"))
	if err != nil {
		t.Fatal(err)
	}
	app := filepath.Join("testdata", "kustomize", "sources")
	dir := filepath.Join(app, "overlay")
	rs, diags := kubernetes.LoadKustomization(tree, dir)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	base := filepath.Join(app, "base", "app.yaml")
	want := []placed{
		{"ConfigMap/shop/prod-settings", filepath.Join(dir, "kustomization.yaml") + ":7"},
		{"Deployment/shop/prod-api", base + ":12-23"},
		{"NetworkPolicy/shop/prod-default-deny", filepath.Join(dir, "policy.yaml") + ":1-7"},
		{"Service/shop/prod-api", base + ":1-10"},
	}
	if diff := cmp.Diff(want, placements(rs)); diff != "" {
		t.Errorf("resources (-want +got):\n%s", diff)
	}
	// A kustomization that asks for origin annotations keeps them.
	rs, diags = kubernetes.LoadKustomization(tree, filepath.Join(app, "annotated"))
	if len(diags) != 0 || len(rs) != 2 {
		t.Fatalf("resources %v, diagnostics %v", rs, diags)
	}
	for _, r := range rs {
		ann, _ := r.Attributes["metadata"].(map[string]any)["annotations"].(map[string]any)
		if ann["config.kubernetes.io/origin"] == nil {
			t.Errorf("%s lost the origin annotation its kustomization asked for: %v", r.Address, ann)
		}
	}
}

func TestLoadKustomization_Refused(t *testing.T) {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	for _, c := range []struct{ name, tree, dir, want string }{
		{"remote base", "testdata/kustomize", "testdata/kustomize/remote", "does not fetch remote bases"},
		// The base is outside the tree the scan may read.
		{"outside the tree", "testdata/kustomize/app/overlays", "testdata/kustomize/app/overlays/prod", "outside the scanned tree"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rs, diags := kubernetes.LoadKustomization(abs(c.tree), c.dir)
			if len(rs) != 0 || len(diags) != 1 || !strings.Contains(diags[0].Detail, c.want) {
				t.Errorf("want an error saying %q, got %v", c.want, diags)
			}
		})
	}
}

// TestLoadKustomization_NeverFetches: every form kustomize would fetch (git
// over ssh with any user, host:path shorthands, URLs in transformers and
// generator sources) is refused before the build, and a kustomization
// outside the tree is not read, so its content never reaches the report.
func TestLoadKustomization_NeverFetches(t *testing.T) {
	base := t.TempDir()
	tree := filepath.Join(base, "tree")
	write := func(p, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(base, "outside", "kustomization.yaml"), "secret: [hunter2 \"\n")
	cases := []struct{ name, body, want string }{
		{"ssh with another user", "resources:\n- deploy@127.0.0.1:org/repo\n", "not a local file or folder"},
		{"host:path shorthand", "resources:\n- github.com:kubernetes-sigs/kustomize\n", "not a local file or folder"},
		{"transformer URL", "transformers:\n- https://127.0.0.1:1/org/repo//overlay?ref=main\n", "names the URL"},
		{"generator source URL", "configMapGenerator:\n- name: c\n  files:\n  - https://127.0.0.1:1/x\n", "names the URL"},
		{"base outside the tree", "resources:\n- ../../outside\n", "outside the scanned tree"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(tree, fmt.Sprint(i))
			write(filepath.Join(dir, "kustomization.yaml"), c.body)
			rs, diags := kubernetes.LoadKustomization(tree, dir)
			if len(rs) != 0 || len(diags) != 1 || !strings.Contains(diags[0].Detail, c.want) {
				t.Fatalf("want one error saying %q, got %v", c.want, diags)
			}
			if strings.Contains(diags[0].Detail, "hunter2") || strings.Contains(diags[0].Detail, "git fetch") {
				t.Errorf("the error shows what it must not read or run: %v", diags[0].Detail)
			}
		})
	}
}

// TestLoadChart_Offline: objects a chart renders from a template that calls
// lookup (through a named template), or that needs a required value not
// given (in the template, in a helper it includes, in a subchart), are
// loaded but marked unknown as a whole, with a gap per template; given the
// values, only the lookup stays unknown. Other templates are unaffected.
func TestLoadChart_Offline(t *testing.T) {
	dir := filepath.Join("testdata", "chart", "offline")
	unknown := func(rs []attest.Resource) []string {
		var out []string
		for _, r := range rs {
			if slices.Contains(r.Unknown, attest.UnknownWhole) {
				out = append(out, r.Address)
			}
		}
		slices.Sort(out)
		return out
	}
	rs, diags := kubernetes.LoadChart(openTree(t, "testdata"), dir, kubernetes.HelmOptions{})
	if diags.HasErrors() || len(rs) != 5 {
		t.Fatalf("resources %v, diagnostics %v", placements(rs), diags)
	}
	want := []string{"ConfigMap/default/(unnamed)", "Deployment/default/api", "Ingress/default/api", "Secret/default/db"}
	if diff := cmp.Diff(want, unknown(rs)); diff != "" {
		t.Errorf("unknown objects (-want +got):\n%s", diff)
	}
	var gaps []string
	for _, d := range diags {
		if d.Severity != attest.DiagGap {
			t.Errorf("unexpected diagnostic %v", d)
		}
		gaps = append(gaps, fmt.Sprintf("%s %d %t", d.Pos.File, d.Affected, strings.Contains(d.Detail, "lookup")))
	}
	slices.Sort(gaps)
	wantGaps := []string{
		filepath.Join(dir, "charts", "db", "templates", "db.yaml") + " 1 false",
		filepath.Join(dir, "templates", "lookup.yaml") + " 1 true",
		filepath.Join(dir, "templates", "required.yaml") + " 2 false",
	}
	if diff := cmp.Diff(wantGaps, gaps); diff != "" {
		t.Errorf("gaps (-want +got):\n%s", diff)
	}
	for _, r := range rs {
		if r.Type == "Deployment" {
			c := r.Attributes["pod_spec"].(map[string]any)["containers"].([]any)[0].(map[string]any)
			if env := c["env"].([]any)[0].(map[string]any); env["value"] != "" || c["image"] != "registry.example.com/api:1.0" {
				t.Errorf("rendered without the missing value: %v", c)
			}
		}
	}

	rs, diags = kubernetes.LoadChart(openTree(t, "testdata"), dir, kubernetes.HelmOptions{
		Set: []string{"host=api.example.com,configName=cfg,db.password=x"},
	})
	if len(diags) != 1 || len(rs) != 5 {
		t.Fatalf("resources %v, diagnostics %v", placements(rs), diags)
	}
	if diff := cmp.Diff([]string{"Ingress/default/api"}, unknown(rs)); diff != "" {
		t.Errorf("unknown objects with the values given (-want +got):\n%s", diff)
	}
}
