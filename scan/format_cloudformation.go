package scan

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/cloudformation"
)

func init() {
	fileFormats = append(fileFormats, fileFormat{
		name:  attest.FormatCloudFormation,
		match: cloudformation.Detect,
		load: func(_ context.Context, path string, src []byte, p Params) ([]attest.Resource, attest.Diagnostics) {
			return cloudformation.Load(path, src, cloudformation.Options{Parameters: p.cfnParams})
		},
	})
}

// cfnParameters merges the parameters files and --cfn-param values, the
// latter winning. A file that cannot be read or parsed is an input error.
func cfnParameters(p Params) (map[string]string, attest.Diagnostics) {
	out := map[string]string{}
	var diags attest.Diagnostics
	for _, file := range p.CFNParamFiles {
		data, err := os.ReadFile(file)
		if err != nil {
			diags = append(diags, attest.Diagnostic{Severity: attest.DiagError, Pos: attest.Pos{File: file}, Summary: fmt.Sprintf("cannot read CloudFormation parameters: %v", pathErr(err))})
			continue
		}
		ps, err := cloudformation.ParseParameters(file, data)
		if err != nil {
			var ds attest.Diagnostics
			if errors.As(err, &ds) {
				diags = append(diags, ds...)
			} else {
				diags = append(diags, attest.Diagnostic{Severity: attest.DiagError, Pos: attest.Pos{File: file}, Summary: err.Error()})
			}
			continue
		}
		maps.Copy(out, ps)
	}
	maps.Copy(out, p.CFNParams)
	return out, diags
}

// onlyFormats keeps the inputs of the named formats; no names keeps all.
func onlyFormats(inputs []input, names []string) ([]input, error) {
	if len(names) == 0 {
		return inputs, nil
	}
	known := []string{attest.FormatTerraform, attest.FormatTerraformPlan, attest.FormatTerraformState}
	for _, f := range fileFormats {
		known = append(known, f.name)
	}
	for _, n := range names {
		if !slices.Contains(known, n) {
			return nil, attest.Errorf(attest.EINVALID, "unknown input format %q (known: %s)", n, strings.Join(known, ", "))
		}
	}
	return slices.DeleteFunc(inputs, func(in input) bool { return !slices.Contains(names, in.format) }), nil
}
