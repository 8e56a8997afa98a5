package kubernetes

import (
	"fmt"
	"strings"
	"testing"
)

// benchManifest is a file of n Deployments and n Services, as
// bench/kubernetes/gen writes them.
func benchManifest(n int) []byte {
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-%[1]d
  namespace: team-%[2]d
spec:
  replicas: 2
  selector:
    matchLabels: {app: app-%[1]d}
  template:
    metadata:
      labels: {app: app-%[1]d}
    spec:
      serviceAccountName: app-%[1]d
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: app-%[1]d
          image: ghcr.io/acme/app-%[1]d:1.19.0
          ports: [{containerPort: 8080}]
          env:
            - {name: LOG_LEVEL, value: info}
            - name: DB_PASSWORD
              valueFrom: {secretKeyRef: {name: app-%[1]d-db, key: password}}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 0.5, memory: 256Mi}
          livenessProbe: {httpGet: {path: /healthz, port: 8080}}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
---
apiVersion: v1
kind: Service
metadata:
  name: app-%[1]d
  namespace: team-%[2]d
spec:
  type: ClusterIP
  selector: {app: app-%[1]d}
  ports: [{port: 443, targetPort: 8080}]
---
`, i, i%20)
	}
	return []byte(sb.String())
}

// BenchmarkLoad loads a file of 500 Deployments and 500 Services.
func BenchmarkLoad(b *testing.B) {
	src := benchManifest(500)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		rs, diags := Load("bench.yaml", src)
		if len(rs) != 1000 || len(diags) != 0 {
			b.Fatalf("%d resources, %v", len(rs), diags)
		}
	}
}

// BenchmarkDecode compares decodeYAML with the round trip through JSON it
// replaces, on one Deployment.
func BenchmarkDecode(b *testing.B) {
	doc := splitDocuments(benchManifest(1))[0].text
	for _, bc := range []struct {
		name   string
		decode func([]byte) (any, error)
	}{{"direct", decodeYAML}, {"json-round-trip", roundTrip}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bc.decode(doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
