package terraform

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/attest-dev/attest"
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// DefaultMaxInstances is the cap on count and for_each instances of one
// block when Options.MaxInstances is zero.
const DefaultMaxInstances = 1000

// Options adjust loading.
type Options struct {
	// EnvVars are values from TF_VAR_name environment variables, keyed by
	// name. Like Terraform, they are the weakest source: every tfvars file
	// and --var overrides them, and names the root module does not declare
	// are ignored. They are read the way --var values are.
	EnvVars map[string]string
	// VarFiles are --var-file paths, applied in order after
	// terraform.tfvars, terraform.tfvars.json and *.auto.tfvars(.json).
	// They are the user's and may lie outside Root. Names the root module
	// does not declare are listed in Result.UndeclaredVars.
	VarFiles []string
	// Vars are --var name=value pairs, applied last. A value is parsed as an
	// HCL expression when the variable's type is not a primitive and the
	// value parses; otherwise it is a string. Names the root module does not
	// declare are ignored and listed in Result.UndeclaredVars.
	Vars map[string]string
	// MaxInstances caps the count/for_each instances loaded per resource
	// block, module call and dynamic block; DefaultMaxInstances when 0.
	MaxInstances int
	// Root is the directory that file functions, local module sources,
	// tfvars files and the module manifest may be read from; nothing
	// outside it is read. When empty it is TreeRoot(dir). The root module
	// must lie inside it.
	Root string
	// Limits bound the values expressions may build; zero fields take
	// their defaults.
	Limits Limits
	// Workspace is the value of terraform.workspace. When empty the
	// workspace is not known and terraform.workspace is unknown: a scan
	// does not assume "default".
	Workspace string
	// Cache, when set, is shared by the loads of one scan so that each
	// configuration file is parsed once. The problems of the files it
	// parsed (unreadable, not text, syntax errors) are then left out of
	// Result.Diagnostics: Cache.Diagnostics reports each once. When nil, the
	// load parses for itself and reports them in its Result.
	Cache *ParseCache
	// Parallel is how many goroutines may load the module calls of one
	// module instance at a time (see loader.emitCalls); 0 or 1 loads
	// them one after the other. The result is the same either way.
	Parallel int
}

// Result is what loading one root module gives.
type Result struct {
	Resources   []attest.Resource
	Diagnostics attest.Diagnostics // errors and warnings, each with file:line:col
	// UndeclaredVars are the names in Options.Vars and Options.VarFiles
	// that the root module does not declare, sorted; their values were
	// ignored.
	UndeclaredVars []string
}

// loader holds the state of one LoadModule call.
type loader struct {
	ctx  context.Context
	root string
	tree *tree
	// files parses configuration files; a cache of this load's own when
	// Options.Cache is nil.
	files    *ParseCache
	opts     Options
	max      int
	configs  map[string]*moduleConfig
	manifest map[string]string
	rootVals map[string]rawValue
	diags    attest.Diagnostics
	out      []attest.Resource
	// undeclared are the Options.Vars and Options.VarFiles names the root
	// does not declare.
	undeclared []string
	// instances counts module instances created, against maxModuleInstances.
	instances int
	limits    Limits
	// budget is what the expression being evaluated has used.
	budget budget
	// maps are maps for building variables, cleared (see takeMap).
	maps []map[string]cty.Value
	// parallel is Options.Parallel.
	parallel int
	// merged and redone count the speculations of module calls merged
	// and those whose calls were loaded again (see emitCalls).
	merged, redone int
	// spec is set on the loader of a speculation (see emitCalls): the
	// state it keeps to be merged into the load it works for.
	spec *speculation
}

// LoadModule loads the root module in dir (a directory of *.tf files) with
// everything it calls. The error is only for what stops loading altogether:
// an unreadable directory or a cancelled context. Everything else is a
// diagnostic and loading goes on.
func LoadModule(ctx context.Context, dir string, opts Options) (*Result, error) {
	res, _, err := loadModule(ctx, dir, opts)
	return res, err
}

// loadModule is LoadModule, also giving the loader it used.
func loadModule(ctx context.Context, dir string, opts Options) (*Result, *loader, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("load %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return nil, nil, fmt.Errorf("load %s: not a directory", dir)
	}
	treeDir := opts.Root
	if treeDir == "" {
		if treeDir, err = TreeRoot(dir); err != nil {
			return nil, nil, fmt.Errorf("load %s: %w", dir, err)
		}
	}
	t, err := openTree(treeDir)
	if err != nil {
		return nil, nil, fmt.Errorf("load %s: open root %w", dir, err)
	}
	defer t.close()
	if _, err := t.rel(dir); err != nil {
		return nil, nil, fmt.Errorf("load %s: %w", dir, err)
	}
	l := &loader{ctx: ctx, root: dir, tree: t, files: opts.Cache, opts: opts, max: opts.MaxInstances, configs: map[string]*moduleConfig{}, limits: opts.Limits.withDefaults(), parallel: opts.Parallel}
	if l.files == nil {
		l.files = NewParseCache()
	}
	if l.max <= 0 {
		l.max = DefaultMaxInstances
	}
	cfg, err := l.parseModule(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("load %s: %w", dir, err)
	}
	l.configs[dir] = cfg
	l.manifest = l.readManifest()
	l.rootVals = l.readRootValues(cfg)
	root := l.newInstance(cfg, nil, nil, cty.NilVal, emptyScope)
	if err := l.emitResources(root); err != nil {
		return nil, nil, fmt.Errorf("load %s: %w", dir, err)
	}
	if opts.Cache == nil {
		l.diags = append(l.diags, l.files.Diagnostics()...)
	}
	l.diags.Sort()
	l.diags = slices.Compact(l.diags)
	slices.Sort(l.undeclared)
	return &Result{Resources: l.out, Diagnostics: l.diags, UndeclaredVars: slices.Compact(l.undeclared)}, l, nil
}

// pos converts an HCL range to the position of its start.
func pos(r hcl.Range) attest.Pos {
	return attest.Pos{File: r.Filename, Line: r.Start.Line, Column: r.Start.Column}
}

func (l *loader) diag(severity string, p attest.Pos, summary, detail string) {
	l.diags = append(l.diags, attest.Diagnostic{Severity: severity, Pos: p, Summary: summary, Detail: detail})
}

// diagAt records an error at r.
func (l *loader) diagAt(r hcl.Range, summary, detail string) {
	l.diag(attest.DiagError, pos(r), summary, detail)
}

// diagf records an error at r with a formatted detail.
func (l *loader) diagf(r hcl.Range, summary, format string, args ...any) {
	l.diag(attest.DiagError, pos(r), summary, fmt.Sprintf(format, args...))
}

// gapf records a gap at r: a fact about the input that limits what could be
// checked (see attest.DiagGap), affecting affected resources when known. It
// returns the gap's index in l.diags, for addAffected.
func (l *loader) gapf(r hcl.Range, summary string, affected int, format string, args ...any) int {
	l.diags = append(l.diags, attest.Diagnostic{Severity: attest.DiagGap, Pos: pos(r), Summary: summary, Detail: fmt.Sprintf(format, args...), Affected: affected})
	return len(l.diags) - 1
}

// addAffected counts n more resources into the gap at index i (-1: none).
func (l *loader) addAffected(i, n int) {
	if i >= 0 {
		l.diags[i].Affected += n
	}
}

// warnf records a warning at r with a formatted detail.
func (l *loader) warnf(r hcl.Range, summary, format string, args ...any) {
	l.diag(attest.DiagWarning, pos(r), summary, fmt.Sprintf(format, args...))
}

// addHCL records HCL diagnostics.
func (l *loader) addHCL(diags hcl.Diagnostics) {
	l.diags = append(l.diags, fromHCL(diags)...)
}
