package terraform

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
)

// rawValue is a root variable's value as given, before conversion to the
// variable's type.
type rawValue struct {
	val cty.Value
	rng hcl.Range
}

// cliFile is the file name diagnostics about --var values carry.
const cliFile = "--var"

// readRootValues gathers root variable values from TF_VAR_ environment
// variables, tfvars files and the command line, each source overriding the
// ones before it.
func (l *loader) readRootValues(cfg *moduleConfig) map[string]rawValue {
	vals := map[string]rawValue{}
	for n, raw := range l.opts.EnvVars {
		if v := cfg.variables[n]; v != nil {
			vals[n] = rawValue{val: cliValue(v, raw), rng: hcl.Range{Filename: "TF_VAR_" + n}}
		}
	}
	var files []string
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if p := filepath.Join(l.root, n); fileExists(p) {
			files = append(files, p)
		}
	}
	ents, _ := os.ReadDir(l.root)
	var auto []string
	for _, e := range ents {
		n := e.Name()
		if !e.IsDir() && (strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json")) {
			auto = append(auto, filepath.Join(l.root, n))
		}
	}
	slices.Sort(auto)
	files = append(files, auto...)
	for _, p := range files {
		// Files found next to the root module are part of the scanned
		// tree; --var-file names files the user chose.
		l.readVarFile(cfg, p, vals, func(p string) ([]byte, error) { return l.tree.readFile(p, 0) }, false)
	}
	for _, p := range l.opts.VarFiles {
		if !fileExists(p) {
			l.diag(attest.DiagError, attest.Pos{File: p}, "cannot read variables file", "no such file")
			continue
		}
		l.readVarFile(cfg, p, vals, os.ReadFile, true)
	}
	names := make([]string, 0, len(l.opts.Vars))
	for n := range l.opts.Vars {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		v := cfg.variables[n]
		if v == nil {
			// The same --var and config variables go to every root of a
			// scan; a root that does not declare one ignores it and the
			// caller, who sees all roots, says so once.
			l.undeclared = append(l.undeclared, n)
			continue
		}
		vals[n] = rawValue{val: cliValue(v, l.opts.Vars[n]), rng: hcl.Range{Filename: cliFile}}
	}
	return vals
}

// cliValue reads a --var value: a literal string for a variable of
// primitive or unspecified type, an HCL expression otherwise when it parses.
func cliValue(v *variable, s string) cty.Value {
	if v.typ.IsPrimitiveType() || v.typ == cty.DynamicPseudoType {
		return cty.StringVal(s)
	}
	expr, diags := hclsyntax.ParseExpression([]byte(s), cliFile, hcl.InitialPos)
	if diags.HasErrors() {
		return cty.StringVal(s)
	}
	val, diags := expr.Value(nil)
	if diags.HasErrors() {
		return cty.StringVal(s)
	}
	return val
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// readVarFile reads one tfvars file. A shared file (--var-file) goes to every
// root of a scan: the names it sets that this root does not declare are
// listed for the caller, like --var; a file of this root's own is warned
// about here.
func (l *loader) readVarFile(cfg *moduleConfig, p string, vals map[string]rawValue, read func(string) ([]byte, error), shared bool) {
	src, err := read(p)
	if err != nil {
		l.diag(attest.DiagError, attest.Pos{File: p}, "cannot read variables file", err.Error())
		return
	}
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(p, ".json") {
		f, diags = hcljson.Parse(src, p)
	} else {
		f, diags = hclsyntax.ParseConfig(src, p, hcl.InitialPos)
	}
	l.addHCL(diags)
	if f == nil || diags.HasErrors() {
		return
	}
	attrs, diags := f.Body.JustAttributes()
	l.addHCL(diags)
	for name, a := range attrs {
		if cfg.variables[name] == nil {
			if shared {
				l.undeclared = append(l.undeclared, name)
				continue
			}
			l.warnf(a.NameRange, "value for undeclared variable", "the root module declares no variable %q", name)
			continue
		}
		v, diags := l.constValue(a.Expr)
		l.addHCL(diags)
		if diags.HasErrors() {
			continue
		}
		vals[name] = rawValue{val: v, rng: a.Expr.Range()}
	}
}

// rootVariable is the value of a root module variable.
func (l *loader) rootVariable(v *variable) cty.Value {
	raw, ok := l.rootVals[v.name]
	if !ok {
		if v.def != cty.NilVal {
			return v.def
		}
		l.warnf(v.rng, "variable has no value", "variable %q has no default and no value was given; it is unknown", v.name)
		return cty.UnknownVal(v.typ)
	}
	if raw.val.IsNull() && v.def != cty.NilVal && !v.nullable {
		return v.def
	}
	cv, err := convertVar(v, raw.val)
	if err != nil {
		l.diagf(raw.rng, "invalid value for variable", "variable %q: %s", v.name, err)
		return cty.UnknownVal(v.typ)
	}
	return cv
}

// manifestPath is where terraform init records the modules it installed.
var manifestPath = filepath.Join(".terraform", "modules", "modules.json")

// readManifest reads the modules.json of the root module, mapping module
// keys (a.b) to directories relative to the root.
func (l *loader) readManifest() map[string]string {
	p := filepath.Join(l.root, manifestPath)
	src, err := l.tree.readFile(p, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		l.diag(attest.DiagWarning, attest.Pos{File: p}, "cannot read module manifest", err.Error())
		return nil
	}
	var m struct {
		Modules []struct {
			Key string `json:"Key"`
			Dir string `json:"Dir"`
		} `json:"Modules"`
	}
	if err := json.Unmarshal(src, &m); err != nil {
		l.diag(attest.DiagWarning, jsonErrorPos(p, src, err), "invalid module manifest", err.Error())
		return nil
	}
	out := make(map[string]string, len(m.Modules))
	for _, e := range m.Modules {
		if e.Key != "" && e.Dir != "" {
			out[e.Key] = filepath.FromSlash(e.Dir)
		}
	}
	return out
}

// jsonErrorPos locates a JSON syntax error.
func jsonErrorPos(file string, src []byte, err error) attest.Pos {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return attest.Pos{File: file}
	}
	off := min(int(se.Offset), len(src))
	line, col := 1, 1
	for _, c := range src[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return attest.Pos{File: file, Line: line, Column: col}
}
