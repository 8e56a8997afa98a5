package scan

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/google/go-cmp/cmp"
)

// kubeFindings scans the paths with the built-in rules and returns
// "status rule resource @ range" lines for the findings that are not
// passes, and the resources' addresses.
func kubeFindings(t *testing.T, p Params) ([]string, []string, attest.Diagnostics) {
	t.Helper()
	rep, err := Run(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		seen[f.Root+":"+f.Resource] = true
		if f.Status != attest.StatusPass {
			out = append(out, f.Status+" "+f.RuleID+" "+f.Resource+" @ "+f.Range.String())
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	var resources []string
	for r := range seen {
		resources = append(resources, r)
	}
	slices.Sort(resources)
	return out, resources, rep.Diagnostics
}

// TestRun_KubernetesExample scans examples/kubernetes: plain manifests, a
// Helm chart and a Kustomize overlay, each finding at file:line in the file
// the user edits, the waiver annotation honoured, and nothing read twice
// (no chart template as a manifest, no base besides its overlay).
func TestRun_KubernetesExample(t *testing.T) {
	ex := filepath.Join("..", "examples", "kubernetes")
	got, resources, diags := kubeFindings(t, Params{Paths: []string{ex}, Now: func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }})
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	m := filepath.Join(ex, "manifests", "payments.yaml")
	chart := filepath.Join(ex, "chart")
	overlay := filepath.Join(ex, "kustomize", "overlays", "prod")
	wantResources := []string{
		chart + ":Deployment/default/release-name-storefront",
		overlay + ":Deployment/ledger-prod/ledger",
		m + ":ClusterRoleBinding/ci-admin",
		m + ":DaemonSet/monitoring/node-agent",
		m + ":Deployment/payments/api",
		filepath.Join(ex, "manifests", "worker.yaml") + ":CronJob/payments/settle",
		filepath.Join(ex, "manifests", "worker.yaml") + ":NetworkPolicy/payments/default-deny",
	}
	slices.Sort(wantResources)
	if diff := cmp.Diff(wantResources, resources); diff != "" {
		t.Errorf("resources scanned (-want +got):\n%s", diff)
	}
	for _, want := range []string{
		"fail k8s-pod-privileged DaemonSet/monitoring/node-agent @ " + m + ":4-20",
		"waived k8s-pod-host-network DaemonSet/monitoring/node-agent @ " + m + ":4-20",
		"fail k8s-pod-run-as-user-root Deployment/payments/api @ " + m + ":22-34",
		"fail k8s-image-latest Deployment/payments/api @ " + m + ":22-34",
		"fail k8s-rbac-cluster-admin-binding ClusterRoleBinding/ci-admin @ " + m + ":36-47",
		"fail k8s-pod-host-pid Deployment/default/release-name-storefront @ " + filepath.Join(chart, "templates", "deployment.yaml") + ":1-21",
		// The overlay's object points at its document in the base.
		"fail k8s-pod-host-path Deployment/ledger-prod/ledger @ " + filepath.Join(ex, "kustomize", "base", "deployment.yaml") + ":1-19",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("missing finding %q", want)
		}
	}
	for _, g := range got {
		// registry.example.com stands for the user's own registry, which
		// no default list of allowed registries holds.
		if strings.Contains(g, "CronJob/payments/settle") && !strings.Contains(g, "k8s-image-digest") && !strings.Contains(g, "k8s-image-registry") {
			t.Errorf("the compliant CronJob fails: %s", g)
		}
	}
	if t.Failed() {
		t.Logf("findings:\n%s", strings.Join(got, "\n"))
	}

	// --helm-set reaches the chart.
	got, _, diags = kubeFindings(t, Params{Paths: []string{chart}, HelmSet: []string{"hostPID=false"}})
	if len(diags) != 0 || slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "k8s-pod-host-pid") }) {
		t.Errorf("hostPID=false: %v %v", got, diags)
	}
}

// TestRun_KubernetesAnnotationWaivers: a waiver annotation applies until
// it expires, and one without a reason or expiry is reported, not applied.
func TestRun_KubernetesAnnotationWaivers(t *testing.T) {
	dir := t.TempDir()
	pod := func(name, waiver string) string {
		return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  annotations:\n    attest.dev/ignore: '" + waiver + "'\nspec:\n  hostPID: true\n  containers: [{name: c, image: x}]\n"
	}
	src := strings.Join([]string{
		pod("current", "k8s-pod-host-pid reason=debugging expires=2027-01-01"),
		pod("expired", `k8s-pod-host-pid reason="was debugging" expires=2026-01-01`),
		pod("no-reason", "k8s-pod-host-pid expires=2027-01-01"),
		pod("two", "k8s-pod-privileged reason=x expires=2027-01-01; k8s-pod-host-pid reason=y expires=2027-01-01"),
	}, "---\n")
	file := filepath.Join(dir, "pods.yaml")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var cfg Config
	cfg.Rules.Only = []string{"k8s-pod-host-pid", "k8s-pod-privileged"}
	rep, err := Run(context.Background(), Params{Paths: []string{dir}, Config: cfg,
		Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, f := range rep.Findings {
		if f.RuleID == "k8s-pod-host-pid" {
			status[f.Resource] = f.Status
		}
	}
	want := map[string]string{
		"Pod/default/current":   attest.StatusWaived,
		"Pod/default/expired":   attest.StatusFail,
		"Pod/default/no-reason": attest.StatusFail,
		"Pod/default/two":       attest.StatusWaived,
	}
	if diff := cmp.Diff(want, status); diff != "" {
		t.Errorf("k8s-pod-host-pid verdicts (-want +got):\n%s", diff)
	}
	if len(rep.ExpiredExceptions) != 1 || rep.ExpiredExceptions[0].Resource != "Pod/default/expired" {
		t.Errorf("expired exceptions: %v", rep.ExpiredExceptions)
	}
	var warned bool
	for _, d := range rep.Diagnostics {
		if strings.Contains(d.Summary, "Pod/default/no-reason") && strings.Contains(d.Summary, "needs reason") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning for the waiver without a reason: %v", rep.Diagnostics)
	}
}

// TestRun_KubernetesAllowedRegistries configures the registries of
// k8s-image-registry through a rules folder that defines
// data.attest.config.kubernetes: Docker Hub, allowed by default, is then
// refused, and a path of a registry is allowed without the rest of it.
func TestRun_KubernetesAllowedRegistries(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Rules.Only = []string{"k8s-image-registry"}
	cfg.Rules.Dirs = []string{"testdata/kubernetes/registries/rules"}
	got, resources, diags := kubeFindings(t, Params{Paths: []string{"testdata/kubernetes/registries/tree"}, Config: cfg})
	f := filepath.Join("testdata", "kubernetes", "registries", "tree", "pods.yaml")
	want := []string{"fail k8s-image-registry Pod/apps/hub @ " + f + ":13-23"}
	if diff := cmp.Diff(want, got); diff != "" || diags.HasErrors() || len(resources) != 2 {
		t.Errorf("findings (-want +got):\n%s\nresources %v, diagnostics %v", diff, resources, diags)
	}
	// Without the rules folder, Docker Hub and any ghcr.io path pass and
	// the internal registry is unknown to the default list.
	cfg.Rules.Dirs = nil
	got, _, _ = kubeFindings(t, Params{Paths: []string{"testdata/kubernetes/registries/tree"}, Config: cfg})
	if want := []string{"fail k8s-image-registry Pod/apps/internal @ " + f + ":1-11"}; !slices.Equal(got, want) {
		t.Errorf("default registries: %v, want %v", got, want)
	}
}
