package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/kubernetes"
	"github.com/attest-dev/attest/scan"
)

// chartDir is attest's own Helm chart.
const chartDir = "../../deploy/helm/attest"

// productionSet are the values of a production install: the image pinned
// by digest, the webhook's CA bundle.
var productionSet = []string{
	"image.digest=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	"admission.webhook.caBundle=" + base64.StdEncoding.EncodeToString([]byte("-----BEGIN CERTIFICATE-----\n")),
}

// TestChart_scansClean: attest's own rules find nothing wrong with the
// chart that deploys attest.
func TestChart_scansClean(t *testing.T) {
	findings := func(t *testing.T, args ...string) []attest.Finding {
		t.Helper()
		out := filepath.Join(t.TempDir(), "report.json")
		var errOut bytes.Buffer
		args = append([]string{"scan", "--format", "json=" + out}, append(args, chartDir)...)
		if code := run(context.Background(), args, nil, &bytes.Buffer{}, &errOut); code != 0 {
			t.Fatalf("attest %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var rep struct {
			Findings    []attest.Finding    `json:"findings"`
			Diagnostics []attest.Diagnostic `json:"diagnostics"`
		}
		if err := json.Unmarshal(data, &rep); err != nil {
			t.Fatal(err)
		}
		if len(rep.Diagnostics) > 0 {
			t.Errorf("diagnostics: %+v", rep.Diagnostics)
		}
		return rep.Findings
	}
	t.Run("production values", func(t *testing.T) {
		fs := findings(t, "--helm-set", strings.Join(productionSet, ","))
		types := map[string]bool{}
		for _, f := range fs {
			types[f.ResourceType] = true
			// One replica is all SQLite allows: k8s-workload-replicas (low,
			// under the threshold) asks for two, which needs PostgreSQL.
			if f.Status != attest.StatusPass && f.RuleID != "k8s-workload-replicas" {
				t.Errorf("%s %s on %s: %s", f.Status, f.RuleID, f.Resource, f.Message)
			}
		}
		for _, want := range []string{"Deployment"} {
			if !types[want] {
				t.Errorf("no rule checked a %s: %v", want, types)
			}
		}
	})
	t.Run("production values with PostgreSQL", func(t *testing.T) {
		// Two replicas, and the database URL read from a mounted Secret
		// rather than an environment variable.
		set := append(slices.Clone(productionSet), "database.type=postgres", "database.postgres.existingSecret=attest-db", "replicas=2")
		for _, f := range findings(t, "--helm-set", strings.Join(set, ",")) {
			if f.Status != attest.StatusPass {
				t.Errorf("%s %s on %s: %s", f.Status, f.RuleID, f.Resource, f.Message)
			}
		}
	})
	t.Run("default values", func(t *testing.T) {
		// Only the image's tag (no digest is known before a release) and the
		// single replica that SQLite allows fail, both below the default
		// threshold.
		for _, f := range findings(t) {
			if f.Status != attest.StatusPass && f.RuleID != "k8s-image-digest" && f.RuleID != "k8s-workload-replicas" {
				t.Errorf("%s %s on %s: %s", f.Status, f.RuleID, f.Resource, f.Message)
			}
		}
	})
}

// renderChart renders the chart through iac/kubernetes, as attest scan
// does, as release attest in namespace attest.
func renderChart(t *testing.T, set ...string) ([]attest.Resource, attest.Diagnostics) {
	t.Helper()
	tree, _ := filepath.Abs("../..")
	root, err := os.OpenRoot(tree)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	return kubernetes.LoadChart(root, filepath.Join(tree, "deploy", "helm", "attest"), kubernetes.HelmOptions{Set: set, Release: "attest", Namespace: "attest"})
}

// TestChart_render renders the chart as helm template would and checks what
// it deploys, and that the configuration it gives attest serve is one serve
// reads.
func TestChart_render(t *testing.T) {
	byAddr := func(rs []attest.Resource) map[string]attest.Resource {
		m := map[string]attest.Resource{}
		for _, r := range rs {
			m[r.Address] = r
		}
		return m
	}
	t.Run("sqlite", func(t *testing.T) {
		rs, diags := renderChart(t, productionSet...)
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		objs := byAddr(rs)
		for _, addr := range []string{
			"Deployment/attest/attest", "Service/attest/attest", "ServiceAccount/attest/attest", "ConfigMap/attest/attest",
			"PersistentVolumeClaim/attest/attest", "NetworkPolicy/attest/attest", "NetworkPolicy/attest/attest-default-deny",
			"ValidatingWebhookConfiguration/attest",
		} {
			if _, ok := objs[addr]; !ok {
				t.Errorf("no %s in %v", addr, slices.Sorted(maps.Keys(objs)))
			}
		}
		if r := objs["Deployment/attest/attest"]; !strings.HasSuffix(r.Range.File, "templates/deployment.yaml") {
			t.Errorf("the Deployment points at %s, not its template", r.Range.File)
		}
		// The webhook leaves out attest's own namespace, so that attest
		// can always be restarted, and speaks admission.k8s.io/v1 only.
		vwc, _ := json.Marshal(objs["ValidatingWebhookConfiguration/attest"].Attributes)
		for _, want := range []string{`"values":["kube-system","kube-node-lease","attest"]`, `"admissionReviewVersions":["v1"]`, `"path":"/api/v1/admission/validate"`, `"name":"attest","namespace":"attest"`} {
			if !strings.Contains(string(vwc), want) {
				t.Errorf("webhook configuration lacks %s: %s", want, vwc)
			}
		}
		// serve reads the configuration the chart writes, unknown keys
		// refused, and the project config is an .attest.yaml.
		data := objs["ConfigMap/attest/attest"].Attributes["data"].(map[string]any)
		c := DefaultServeConfig()
		if err := parseServeConfig([]byte(data["serve.yaml"].(string)), &c); err != nil {
			t.Fatalf("serve.yaml: %v\n%s", err, data["serve.yaml"])
		}
		if !c.Admission.Enabled || c.Admission.DefaultMode != "audit" || c.DB != "/data/attest.db" || c.TLSCert == "" || c.Admission.Config == "" {
			t.Errorf("serve config %+v", c)
		}
		project := filepath.Join(t.TempDir(), "attest.yaml")
		os.WriteFile(project, []byte(data["attest.yaml"].(string)), 0o600)
		if _, err := scan.LoadConfig(project, false); err != nil {
			t.Errorf("attest.yaml: %v", err)
		}
	})
	t.Run("postgres", func(t *testing.T) {
		rs, diags := renderChart(t, append(productionSet, "database.type=postgres", "database.postgres.existingSecret=attest-db", "replicas=2", "tls.clientCASecret=attest-client-ca")...)
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		objs := byAddr(rs)
		if _, ok := objs["PersistentVolumeClaim/attest/attest"]; ok {
			t.Error("a volume claim with PostgreSQL")
		}
		dep, _ := json.Marshal(objs["Deployment/attest/attest"].Attributes)
		for _, want := range []string{`"name":"ATTEST_DB_FILE","value":"/etc/attest/db/dsn"`, `"secret":{"defaultMode":256,"items":[{"key":"dsn","path":"dsn"}],"secretName":"attest-db"}`, `"mountPath":"/etc/attest/db","name":"db","readOnly":true`, `"replicas":2`, `"secretName":"attest-client-ca"`} {
			if !strings.Contains(string(dep), want) {
				t.Errorf("deployment lacks %s", want)
			}
		}
		data := objs["ConfigMap/attest/attest"].Attributes["data"].(map[string]any)
		c := DefaultServeConfig()
		if err := parseServeConfig([]byte(data["serve.yaml"].(string)), &c); err != nil || c.ClientCA == "" || c.DB != DefaultServeConfig().DB {
			t.Errorf("serve config %+v err %v", c, err)
		}
	})
	t.Run("refusals", func(t *testing.T) {
		for _, tt := range []struct {
			set  []string
			want string
		}{
			{[]string{"replicas=2"}, "needs database.type postgres"},
			{[]string{"database.type=postgres"}, "database.postgres.existingSecret"},
		} {
			_, diags := renderChart(t, tt.set...)
			if len(diags) == 0 || !strings.Contains(diags[0].Detail, tt.want) {
				t.Errorf("%v: %v, want %q", tt.set, diags, tt.want)
			}
		}
	})
	t.Run("no CA bundle, no webhook configuration", func(t *testing.T) {
		rs, _ := renderChart(t)
		if _, ok := byAddr(rs)["ValidatingWebhookConfiguration/attest"]; ok {
			t.Error("a webhook configuration without a caBundle")
		}
	})
}
