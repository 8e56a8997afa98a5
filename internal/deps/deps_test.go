// Package deps holds the test that keeps imports pointing inward, as
// shared/STYLE.md lays out: the root package imports only the standard
// library; only policy imports OPA; only sqlite and postgres import database
// drivers; only cmd/attest imports cobra; parsers import neither OPA nor a
// driver.
package deps

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/attest-dev/attest"

type pkg struct {
	ImportPath string
	Imports    []string
	Standard   bool
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("decode go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// rule says which of our packages may import paths with a prefix.
type rule struct {
	prefix  string
	allowed func(pkg string) bool
}

func only(pkgs ...string) func(string) bool {
	return func(p string) bool {
		for _, a := range pkgs {
			if p == module+"/"+a || strings.HasPrefix(p, module+"/"+a+"/") {
				return true
			}
		}
		return false
	}
}

func TestImportDirections(t *testing.T) {
	rules := []rule{
		{"github.com/open-policy-agent/opa", only("policy")},
		{"modernc.org/sqlite", only("sqlite")},
		{"github.com/jackc/pgx", only("postgres")},
		{"github.com/spf13/cobra", only("cmd/attest")},
		{"github.com/pressly/goose", only("sqlite", "postgres")},
		{"github.com/coreos/go-oidc", only("web")},
		{"golang.org/x/oauth2", only("web")},
		// kube-apiserver's webhook client drives the admission tests; it
		// must not enter the binary.
		{"k8s.io/apiserver", only()},
	}
	pkgs := listPackages(t)
	if len(pkgs) < 5 {
		t.Fatalf("go list found %d packages; expected the whole module", len(pkgs))
	}
	for _, p := range pkgs {
		for _, imp := range p.Imports {
			for _, r := range rules {
				if strings.HasPrefix(imp, r.prefix) && !r.allowed(p.ImportPath) {
					t.Errorf("%s imports %s; only %s may", p.ImportPath, imp, describe(r))
				}
			}
		}
		if p.ImportPath == module {
			for _, imp := range p.Imports {
				if strings.Contains(strings.Split(imp, "/")[0], ".") {
					t.Errorf("the root package imports %s; it may import only the standard library", imp)
				}
			}
		}
	}
}

func describe(r rule) string {
	for _, name := range []string{"policy", "sqlite", "postgres", "cmd/attest"} {
		if r.allowed(module + "/" + name) {
			return name
		}
	}
	return "no package"
}

// TestNoGenericPackageNames keeps packages named for what they own.
func TestNoGenericPackageNames(t *testing.T) {
	for _, p := range listPackages(t) {
		parts := strings.Split(p.ImportPath, "/")
		switch parts[len(parts)-1] {
		case "util", "utils", "common", "helpers", "types", "misc", "pkg":
			t.Errorf("package %s has a generic name; name it for what it owns", p.ImportPath)
		}
	}
}

// TestDetectIsPure keeps the detection engine free of I/O adapters: of our
// packages it imports only the root, so the CLI, the server and replay can
// all drive it.
func TestDetectIsPure(t *testing.T) {
	for _, p := range listPackages(t) {
		if p.ImportPath != module+"/detect" {
			continue
		}
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, module+"/") {
				t.Errorf("detect imports %s; it may import only the root package of this module", imp)
			}
		}
		return
	}
	t.Fatal("go list found no detect package")
}
