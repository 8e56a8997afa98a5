package scan

import (
	"context"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/kubernetes"
)

// Kubernetes manifests are single files found by content; Helm charts and
// Kustomize folders are directory inputs (see dirFormats).
func init() {
	fileFormats = append(fileFormats, fileFormat{
		name:  attest.FormatKubernetes,
		match: kubernetes.Detect,
		load: func(_ context.Context, path string, src []byte, _ Params) ([]attest.Resource, attest.Diagnostics) {
			return kubernetes.Load(path, src)
		},
	})
}
