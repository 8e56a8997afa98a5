package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attest-dev/attest/iac/kubernetes"
	"github.com/attest-dev/attest/policy"
)

// kubeTree writes n plain manifests (one workload and one Service a file,
// so 2n objects) and a Helm chart that renders charted more workloads.
func kubeTree(b *testing.B, n, charted int) string {
	b.Helper()
	dir := b.TempDir()
	for i := range n {
		kind := []string{"Deployment", "StatefulSet", "DaemonSet", "Job"}[i%4]
		src := fmt.Sprintf(`apiVersion: apps/v1
kind: %s
metadata:
  name: app-%d
  namespace: team-%d
spec:
  template:
    spec:
      hostNetwork: %t
      securityContext: {runAsNonRoot: true}
      containers:
        - name: app
          image: registry.example.com/app-%d:1.%d
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL]}
---
apiVersion: v1
kind: Service
metadata:
  name: app-%d
  namespace: team-%d
spec:
  ports: [{port: 80}]
`, kind, i, i%20, i%7 == 0, i, i, i, i%20)
		p := filepath.Join(dir, "manifests", fmt.Sprintf("d%02d", i%50), fmt.Sprintf("app-%d.yaml", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	writeChart(b, filepath.Join(dir, "chart"), charted)
	return dir
}

func writeChart(b *testing.B, dir string, n int) {
	b.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		b.Fatal(err)
	}
	files := map[string]string{
		"Chart.yaml":  "apiVersion: v2\nname: many\nversion: 0.1.0\n",
		"values.yaml": fmt.Sprintf("count: %d\nimage: nginx:1.27\n", n),
		"templates/workloads.yaml": `{{- range $i := until (int .Values.count) }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $.Release.Name }}-{{ $i }}
spec:
  template:
    spec:
      containers:
        - name: web
          image: {{ $.Values.image }}
{{- end }}
`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun_Kubernetes scans 4,000 manifest files (8,000 objects) and a
// chart rendering 1,000 Deployments with every built-in rule: the whole of
// attest scan, walk, load, render, evaluate and waive.
func BenchmarkRun_Kubernetes(b *testing.B) {
	dir := kubeTree(b, 4000, 1000)
	eng, err := policy.Compile(context.Background(), policy.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		rep, err := Run(context.Background(), Params{Paths: []string{dir}, Engine: eng})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Summary.Resources != 9000 || len(rep.Diagnostics) != 0 {
			b.Fatalf("%d resources, diagnostics %v", rep.Summary.Resources, rep.Diagnostics)
		}
	}
}

// BenchmarkLoadChart_Render is the Helm part alone: rendering and loading
// a chart of 1,000 Deployments.
func BenchmarkLoadChart_Render(b *testing.B) {
	dir := b.TempDir()
	writeChart(b, dir, 1000)
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	b.ResetTimer()
	for b.Loop() {
		rs, diags := kubernetes.LoadChart(root, dir, kubernetes.HelmOptions{})
		if len(rs) != 1000 || len(diags) != 0 {
			b.Fatalf("%d resources, %v", len(rs), strings.TrimSpace(fmt.Sprint(diags)))
		}
	}
}
