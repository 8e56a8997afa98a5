package scan

import (
	"context"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/dockerfile"
)

func init() {
	fileFormats = append(fileFormats, fileFormat{
		name:  attest.FormatDockerfile,
		match: dockerfile.Detect,
		load: func(_ context.Context, path string, src []byte, p Params) ([]attest.Resource, attest.Diagnostics) {
			return dockerfile.Load(path, src, dockerfile.Options{BuildArgs: p.BuildArgs})
		},
	})
}
