// Command gen writes a tree of Kubernetes configuration for benchmarking
// `attest scan`: plain manifest files (workloads of every kind with their
// Service, ConfigMap, ServiceAccount and RoleBinding, NetworkPolicies and
// Namespaces), some compliant with the Kubernetes rules and some not, and a
// Helm chart whose values make it render a share of the objects. The tree
// depends only on -n, -helm and -seed.
//
// Usage:
//
//	go run ./bench/kubernetes/gen -out DIR -n 5000 [-helm 1000] [-seed 1]
//
// -n is the number of objects in all; -helm of them are rendered by the
// chart (in chart/), the rest are written as plain manifests (in
// manifests/).
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	out := flag.String("out", "", "directory to write the tree into (created)")
	n := flag.Int("n", 5000, "number of objects in all")
	helm := flag.Int("helm", 1000, "how many of them the Helm chart renders")
	seed := flag.Uint64("seed", 1, "seed of the choices between compliant and non-compliant settings")
	flag.Parse()
	if *out == "" || *n < 1 || *helm < 0 || *helm > *n {
		fmt.Fprintln(os.Stderr, "usage: gen -out DIR [-n N] [-helm H <= N] [-seed S]")
		os.Exit(2)
	}
	plain, err := generate(*out, *n, *helm, *seed)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %d plain objects and a chart rendering %d under %s\n", plain, *helm, *out)
}

// generate writes the tree and returns the number of plain objects.
func generate(out string, n, helm int, seed uint64) (int, error) {
	rng := rand.New(rand.NewPCG(seed, 0x6b38))
	plain := n - helm
	written := 0
	for team := 0; written < plain; team++ {
		ns := fmt.Sprintf("team-%d", team)
		dir := filepath.Join(out, "manifests", ns)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return 0, err
		}
		var docs []string
		docs = append(docs, namespace(ns, rng.IntN(3) > 0))
		if rng.IntN(2) == 0 {
			docs = append(docs, denyAll(ns))
		}
		if err := write(filepath.Join(dir, "namespace.yaml"), docs); err != nil {
			return 0, err
		}
		written += len(docs)
		for app := 0; app < 12 && written < plain; app++ {
			name := fmt.Sprintf("app-%d", app)
			kind := []string{"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Deployment"}[rng.IntN(6)]
			docs := []string{workload(kind, name, ns, rng), service(name, ns, rng)}
			if rng.IntN(3) == 0 {
				docs = append(docs, configMap(name, ns, rng.IntN(5) == 0))
			}
			if rng.IntN(4) == 0 {
				docs = append(docs, rbac(name, ns, rng.IntN(3) == 0)...)
			}
			if left := plain - written; len(docs) > left {
				docs = docs[:left]
			}
			if err := write(filepath.Join(dir, name+".yaml"), docs); err != nil {
				return 0, err
			}
			written += len(docs)
		}
	}
	if helm > 0 {
		if err := chart(filepath.Join(out, "chart"), helm); err != nil {
			return 0, err
		}
	}
	return written, nil
}

func write(path string, docs []string) error {
	return os.WriteFile(path, []byte(strings.Join(docs, "---\n")), 0o644)
}

const digest = "sha256:4b7ce07a1dbd0e0cfbd8bf1d7d5cd2b6f8e1f1ab2fc3e5b7d9a0c1e2f3a4b5c6"

func namespace(name string, enforce bool) string {
	labels := ""
	if enforce {
		labels = "\n  labels:\n    pod-security.kubernetes.io/enforce: restricted"
	}
	return fmt.Sprintf("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s%s\n", name, labels)
}

func denyAll(ns string) string {
	return fmt.Sprintf("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: %s\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n", ns)
}

// podSpec is a pod spec indented by ind spaces; rng picks which settings
// comply.
func podSpec(name string, ind int, rng *rand.Rand) string {
	image := fmt.Sprintf("ghcr.io/acme/%s:1.%d.0@%s", name, rng.IntN(20), digest)
	if rng.IntN(4) == 0 {
		image = fmt.Sprintf("registry.example.com/%s:latest", name)
	}
	sc := "allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true\n  capabilities: {drop: [ALL]}"
	if rng.IntN(5) == 0 {
		sc = "privileged: true"
	}
	host := ""
	if rng.IntN(10) == 0 {
		host = "hostNetwork: true\n"
	}
	s := fmt.Sprintf(`%sserviceAccountName: %s
automountServiceAccountToken: false
securityContext:
  runAsNonRoot: true
  seccompProfile: {type: RuntimeDefault}
containers:
  - name: %s
    image: %s
    ports: [{containerPort: 8080}]
    env:
      - {name: LOG_LEVEL, value: info}
      - name: DB_PASSWORD
        valueFrom: {secretKeyRef: {name: %s-db, key: password}}
    resources:
      requests: {cpu: 100m, memory: 128Mi}
      limits: {cpu: 500m, memory: 256Mi}
    livenessProbe: {httpGet: {path: /healthz, port: 8080}}
    readinessProbe: {httpGet: {path: /ready, port: 8080}}
    securityContext:
      %s
`, host, name, name, image, name, strings.ReplaceAll(sc, "\n", "\n    "))
	pad := strings.Repeat(" ", ind)
	return pad + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+pad) + "\n"
}

func workload(kind, name, ns string, rng *rand.Rand) string {
	head := fmt.Sprintf("metadata:\n  name: %s\n  namespace: %s\n", name, ns)
	switch kind {
	case "Job":
		return "apiVersion: batch/v1\nkind: Job\n" + head + "spec:\n  template:\n    spec:\n      restartPolicy: Never\n" + podSpec(name, 6, rng)
	case "CronJob":
		return "apiVersion: batch/v1\nkind: CronJob\n" + head + "spec:\n  schedule: '0 3 * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n" + podSpec(name, 10, rng)
	}
	return fmt.Sprintf("apiVersion: apps/v1\nkind: %s\n%sspec:\n  replicas: %d\n  selector:\n    matchLabels: {app: %s}\n  template:\n    metadata:\n      labels: {app: %s}\n    spec:\n%s",
		kind, head, 1+rng.IntN(3), name, name, podSpec(name, 6, rng))
}

func service(name, ns string, rng *rand.Rand) string {
	typ := []string{"ClusterIP", "ClusterIP", "ClusterIP", "NodePort", "LoadBalancer"}[rng.IntN(5)]
	return fmt.Sprintf("apiVersion: v1\nkind: Service\nmetadata:\n  name: %s\n  namespace: %s\nspec:\n  type: %s\n  selector: {app: %s}\n  ports: [{port: 443, targetPort: 8080}]\n", name, ns, typ, name)
}

func configMap(name, ns string, leak bool) string {
	extra := ""
	if leak {
		extra = "\n  SMTP_PASSWORD: hunter2"
	}
	return fmt.Sprintf("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n  namespace: %s\ndata:\n  LOG_LEVEL: info%s\n", name, ns, extra)
}

func rbac(name, ns string, wide bool) []string {
	verbs, resources := "[get, list]", "[configmaps]"
	if wide {
		verbs, resources = "['*']", "[secrets, pods/exec]"
	}
	role := fmt.Sprintf("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: %s\n  namespace: %s\nrules:\n  - apiGroups: ['']\n    resources: %s\n    verbs: %s\n", name, ns, resources, verbs)
	binding := fmt.Sprintf("apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: %s\n  namespace: %s\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: %s}\nsubjects:\n  - {kind: ServiceAccount, name: %s, namespace: %s}\n", name, ns, name, name, ns)
	return []string{role, binding}
}

// chart writes a chart whose values make it render n objects: a Deployment
// and a Service per service entry (and one Deployment more when n is odd).
func chart(dir string, n int) error {
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
		return err
	}
	files := map[string]string{
		"Chart.yaml":  "apiVersion: v2\nname: platform\nversion: 1.0.0\n",
		"values.yaml": fmt.Sprintf("services: %d\nextra: %t\nimage: ghcr.io/acme/web:2.1.0@%s\nprivilegedEvery: 7\n", n/2, n%2 == 1, digest),
		"templates/_helpers.tpl": `{{- define "platform.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .release }}
{{- end -}}
`,
		"templates/services.yaml": `{{- range $i := until (int .Values.services) }}
{{- $name := printf "svc-%d" $i }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "platform.labels" (dict "name" $name "release" $.Release.Name) | nindent 4 }}
spec:
  replicas: 2
  selector:
    matchLabels: {app: {{ $name }}}
  template:
    metadata:
      labels: {app: {{ $name }}}
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: web
          image: {{ $.Values.image }}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
          securityContext:
            {{- if eq (mod $i (int $.Values.privilegedEvery)) 0 }}
            privileged: true
            {{- else }}
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL]}
            {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
spec:
  selector: {app: {{ $name }}}
  ports: [{port: 80, targetPort: 8080}]
{{- end }}
{{- if .Values.extra }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: extra
data:
  LOG_LEVEL: info
{{- end }}
`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}
