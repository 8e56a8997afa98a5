package policy

import (
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The capabilities are the second wall: even a call the pre-compile check
// missed would not compile, and no host may be reached.
func TestCapabilities(t *testing.T) {
	has := func(c *ast.Capabilities, name string) bool {
		return slices.ContainsFunc(c.Builtins, func(b *ast.Builtin) bool { return b.Name == name })
	}
	closed := capabilities(false)
	for _, name := range NetworkBuiltins {
		if has(closed, name) {
			t.Errorf("%s is in the capabilities of rules without network", name)
		}
		if !has(capabilities(true), name) {
			t.Errorf("%s is not in the capabilities of rules with network", name)
		}
	}
	for _, name := range []string{"trace", "time.now_ns", "net.cidr_expand", "json.unmarshal"} {
		if !has(closed, name) {
			t.Errorf("%s is missing from the capabilities of rules", name)
		}
	}
	if closed.AllowNet == nil || len(closed.AllowNet) != 0 {
		t.Errorf("AllowNet = %#v, want an empty list (nil allows every host)", closed.AllowNet)
	}

	// Compiled with these capabilities alone, a call is undefined.
	m := ast.MustParseModuleWithOpts("package x\n\np := http.send({})\n", ast.ParserOptions{RegoVersion: ast.RegoV1})
	c := ast.NewCompiler().WithCapabilities(closed)
	c.Compile(map[string]*ast.Module{"x.rego": m})
	if !c.Failed() || !strings.Contains(c.Errors.Error(), "http.send") {
		t.Errorf("compile errors = %v, want http.send undefined", c.Errors)
	}
}
