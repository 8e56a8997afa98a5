// Package scan is the application service behind `attest scan`: it finds the
// inputs under the given paths, loads them into resources, evaluates the
// rules, applies the exceptions register and inline waivers, and summarises
// the verdicts per control.
package scan

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/catalog"
	"github.com/attest-dev/attest/iac/terraform"
	"github.com/attest-dev/attest/iac/tfplan"
	"github.com/attest-dev/attest/iac/tfstate"
	"github.com/attest-dev/attest/policy"
	"github.com/attest-dev/attest/report"
)

// Params are the inputs of one scan.
type Params struct {
	// Paths are files and directories to scan.
	Paths  []string
	Config Config
	// Engine, when set, is used instead of compiling the rules the config
	// selects (a server or a benchmark compiles once).
	Engine *policy.Engine
	// RuleDirs are rule folders the user named on the command line, loaded
	// with those of the config.
	RuleDirs []string
	// AllowRuleNetwork lets the rules of RuleDirs (never those of the
	// config, which the scanned repository controls) call the built-ins
	// that reach the network or the host (policy.NetworkBuiltins).
	AllowRuleNetwork bool
	// MaxInstances caps count/for_each expansion per resource block.
	MaxInstances int
	// EnvVars are Terraform variables from TF_VAR_ environment variables,
	// by name: the weakest source of variable values.
	EnvVars map[string]string
	// Root, when set, is the directory that Terraform file functions and
	// local module sources may read from (--root); every path must lie
	// inside it. When empty each path reads only inside its own git
	// repository, or inside itself when it is in none.
	Root string
	// Workspace is terraform.workspace (--workspace, TF_WORKSPACE);
	// unknown when empty.
	Workspace string
	Version   string
	Now       func() time.Time
	// Progress, when set, receives one line per loaded input.
	Progress io.Writer
	// OnLoad, when set, is called after each input is loaded with how many
	// of the inputs are done (for a progress display).
	OnLoad func(done, total int)
	// Baseline, when set, marks the failures a previous report had as
	// known: they do not fail the scan.
	Baseline *Baseline
	// HelmValues are values files for every Helm chart scanned
	// (--helm-values), later ones winning; HelmSet are --helm-set
	// assignments, applied after them.
	HelmValues []string
	HelmSet    []string
	// FormatOnly, when set, restricts the scan to inputs of these formats
	// (attest.Format* names: terraform, terraform-plan, terraform-state,
	// cloudformation, ...).
	FormatOnly []string
	// CFNParams are CloudFormation parameter values by name (--cfn-param),
	// pseudo parameters (AWS::Region) included; they override those of
	// CFNParamFiles, which override the templates' defaults.
	CFNParams     map[string]string
	CFNParamFiles []string
	// BuildArgs are Dockerfile build argument values by name
	// (--build-arg), applied to every Dockerfile as docker build would.
	BuildArgs map[string]string

	// cfnParams is CFNParamFiles merged with CFNParams, read once by Run.
	cfnParams map[string]string
	// tfFiles parses each Terraform file once for the whole scan: finding
	// the root modules and loading every one of them.
	tfFiles *terraform.ParseCache
	// tfParallel is terraform.Options.Parallel of each root module's
	// load: the cores that loading one input each leaves idle.
	tfParallel int
	// waivers, when set, is given the content of every file a file
	// format loads, for the inline waivers to be found without reading
	// the file again.
	waivers *inlineWaivers
	// loadedTypes, when set, is called once by load with the resource
	// types of the inputs other than Terraform root modules, as soon as
	// those have loaded (they load first), while the roots still load.
	loadedTypes func(types []string)
}

// Run scans the paths. Problems with the input (files that do not parse,
// paths that cannot be read) are diagnostics in the report, not errors: the
// rest is still scanned. The error is for problems that stop the scan, such
// as rules that do not compile.
func Run(ctx context.Context, p Params) (*report.Report, error) {
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	rep := &report.Report{
		SchemaVersion: report.SchemaVersion,
		Tool:          report.Tool{Name: "attest", Version: p.Version},
		Started:       now().UTC(),
		FailOn:        cmp.Or(p.Config.FailOn, attest.SeverityHigh),
	}

	// The rules compile while the inputs are found and loaded: both take
	// about a second on a large tree, and neither needs the other.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	// Then the rules of the resource types the scan expects compile too
	// (policy.Engine.CompileTypes), beside the loading of the Terraform roots
	// rather than at the start of the evaluation: the types that the
	// Terraform files found declare, and those of the other inputs, which
	// load first (Params.loadedTypes).
	compiled := make(chan *policy.Engine, 1)
	expected := make(chan []string, 1)
	go func(p Params) { // a copy: Run goes on filling in p's unexported fields
		engine, err := compileRules(ctx, p)
		if err != nil {
			cancel(err)
		} else {
			select {
			case types := <-expected:
				// An error here is Evaluate's to report: it compiles
				// whatever CompileTypes left out.
				_ = engine.CompileTypes(types)
			case <-ctx.Done():
			}
		}
		compiled <- engine
	}(p)

	p.tfFiles = terraform.NewParseCache()
	inputs, diags := findInputs(p.Paths, p.Root, p.tfFiles)
	rep.Diagnostics = append(rep.Diagnostics, diags...)
	found := len(inputs)
	inputs, err := onlyFormats(inputs, p.FormatOnly)
	if err != nil {
		return nil, err
	}
	if found > 0 && len(inputs) == 0 {
		rep.Diagnostics = append(rep.Diagnostics, attest.Diagnostic{Severity: attest.DiagError, Pos: attest.Pos{File: strings.Join(p.Paths, ", ")},
			Summary: fmt.Sprintf("nothing to scan: %d input(s) found, none of format %s", found, strings.Join(p.FormatOnly, ", "))})
	}
	tfTypes := p.tfFiles.ResourceTypes()
	p.loadedTypes = func(types []string) { expected <- slices.Concat(tfTypes, types) }
	p.cfnParams, diags = cfnParameters(p)
	rep.Diagnostics = append(rep.Diagnostics, diags...)
	p.waivers = &inlineWaivers{}
	resources, roots, diags := load(ctx, inputs, p)
	p.tfFiles = nil // the syntax trees are not needed any more
	rep.Diagnostics = append(rep.Diagnostics, diags...)
	rep.Roots = roots
	engine := <-compiled
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	rep.Rules = engine.Rules()

	findings, err := evaluate(ctx, engine, resources)
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	scope := waiverScope{rules: make(map[string]bool, len(rep.Rules)), resources: resources}
	for _, r := range rep.Rules {
		scope.rules[r.ID] = true
	}
	expired, stale, diags := waive(findings, p.Config.Exceptions, p.waivers, scope, now())
	rep.Diagnostics = append(rep.Diagnostics, diags...)
	rep.ExpiredExceptions = expired
	rep.StaleExceptions = stale
	rep.Strict = p.Config.Strict
	rep.Findings = findings
	if rep.Findings == nil {
		rep.Findings = []attest.Finding{}
	}
	if p.Baseline != nil {
		p.Baseline.apply(rep)
	}
	rep.Diagnostics.Sort()

	rep.Summary = report.Summarize(rep.Rules, findings, rep.Diagnostics)
	rep.Summary.Resources = len(resources)
	if len(p.Config.Frameworks) > 0 {
		cats, err := catalog.Load()
		if err != nil {
			return nil, fmt.Errorf("load catalogs: %w", err)
		}
		rep.Controls = report.SummarizeControls(rep.Rules, findings, p.Config.Frameworks, func(fw, id string) string {
			if c, ok := cats[fw]; ok {
				if ctl, ok := c.Lookup(id); ok {
					return ctl.Title
				}
			}
			return ""
		})
	}
	return rep, nil
}

// evaluate runs the rules of engine against the resources of a scan, which
// it owns: once they are converted to the values the rules read, it drops
// the attributes that nothing reads any more (all but those of Kubernetes
// objects, whose annotations may waive findings), so that the memory they
// hold serves the evaluation rather than more fresh memory.
func evaluate(ctx context.Context, engine *policy.Engine, resources []attest.Resource) ([]attest.Finding, error) {
	prepared, err := engine.Prepare(ctx, resources)
	if err != nil || prepared == nil {
		return nil, err
	}
	for i := range resources {
		if r := &resources[i]; !keepsAttributes(r) {
			r.Attributes, r.Refs = nil, nil
		}
	}
	return prepared.Run(ctx)
}

// compileRules returns the engine of p, or compiles the rules its config
// and flags select.
func compileRules(ctx context.Context, p Params) (*policy.Engine, error) {
	if p.Engine != nil {
		return p.Engine, nil
	}
	opts := policy.Options{
		Deferred:   true,
		Dirs:       slices.Concat(p.Config.Rules.Dirs, p.RuleDirs),
		Only:       p.Config.Rules.Only,
		Exclude:    p.Config.Rules.Exclude,
		Frameworks: p.Config.Frameworks,
	}
	if p.AllowRuleNetwork {
		opts.Dirs, opts.NetworkDirs = p.Config.Rules.Dirs, p.RuleDirs
	}
	engine, err := policy.Compile(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("compile rules: %w", err)
	}
	return engine, nil
}

// input is one thing to load: a Terraform root module directory, or a plan or
// state file.
type input struct {
	path   string
	format string
	// tree is the directory a Terraform root module may read files from.
	tree string
	// src, when not nil, is the whole content of a single-file input,
	// kept from reading its head to detect its format (a file no larger
	// than the head), so that it is not read a second time to load it.
	src []byte
}

// findInputs expands the paths into inputs. A directory contributes every
// Terraform root module below it, and the plan and state files it holds.
// Root modules may read files inside root when it is set, otherwise inside
// the tree of the path they were found under (terraform.TreeRoot). The
// Terraform files read to find the root modules are parsed through cache
// when it is not nil, for the loads to use again.
func findInputs(paths []string, root string, cache *terraform.ParseCache) ([]input, attest.Diagnostics) {
	var inputs []input
	var diags attest.Diagnostics
	bad := func(path string, format string, args ...any) {
		diags = append(diags, attest.Diagnostic{Severity: attest.DiagError, Pos: attest.Pos{File: path}, Summary: fmt.Sprintf(format, args...)})
	}
	for _, path := range paths {
		info, err := os.Stat(path)
		if err != nil {
			bad(path, "cannot read: %v", pathErr(err))
			continue
		}
		// Plan and state files read nothing else; only Terraform
		// configuration needs a tree.
		tree, treeErr := treeOf(path, root)
		if !info.IsDir() {
			switch {
			case strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".tf.json"):
				if treeErr != nil {
					bad(path, "%v", treeErr)
					continue
				}
				inputs = append(inputs, input{path: filepath.Dir(path), format: attest.FormatTerraform, tree: tree})
			case strings.HasSuffix(path, ".tfstate"):
				inputs = append(inputs, input{path: path, format: attest.FormatTerraformState})
			default:
				if f, ok, err := detectFile(path, info); err != nil {
					bad(path, "%v", err)
					continue
				} else if ok {
					inputs = append(inputs, input{path: path, format: f.name})
					continue
				}
				format, err := sniff(path)
				if err != nil {
					bad(path, "%v", err)
					continue
				}
				inputs = append(inputs, input{path: path, format: format})
			}
			continue
		}
		// One listing of the tree serves every search below.
		listed := newDirTree()
		// Helm charts and Kustomize folders are directory inputs too;
		// their files are not read again as single files.
		dirs, claimed, dirsErr := findDirInputs(listed, path, tree)
		files, walkErr := walkFiles(listed, path, claimed)
		var roots []string
		if listed.holdsTerraform(path) {
			if cache != nil && treeErr == nil {
				roots, err = cache.FindRoots(path, tree)
			} else {
				roots, err = terraform.FindRoots(path)
			}
			if err != nil {
				bad(path, "find Terraform root modules: %v", pathErr(err))
			}
		}
		outside := treeErr != nil && len(roots) > 0
		if outside {
			bad(path, "%v", treeErr)
			roots = nil
		}
		for _, r := range roots {
			inputs = append(inputs, input{path: r, format: attest.FormatTerraform, tree: tree})
		}
		if dirsErr != nil {
			bad(path, "find chart and kustomization folders: %v", pathErr(dirsErr))
		}
		if treeErr != nil && len(dirs) > 0 {
			bad(path, "%v", treeErr)
			dirs = nil
		}
		inputs = append(inputs, dirs...)
		if walkErr != nil {
			bad(path, "walk: %v", pathErr(walkErr))
		}
		inputs = append(inputs, files...)
		if len(roots) == 0 && len(dirs) == 0 && len(files) == 0 && walkErr == nil && !outside {
			bad(path, "nothing to scan: no Terraform files (*.tf, *.tf.json), plan JSON (tfplan.json, plan.json, *.tfplan.json), state files (*.tfstate)%s in this folder or below", otherFormats())
		}
	}
	// The same root given twice (a dir and a file in it) is loaded once.
	slices.SortStableFunc(inputs, func(a, b input) int { return cmp.Compare(a.path, b.path) })
	inputs = slices.CompactFunc(inputs, func(a, b input) bool { return a.path == b.path && a.format == b.format })
	return inputs, diags
}

// treeOf is the directory that Terraform under path may read: root when it
// is set (and holds path), otherwise the git repository of path or path
// itself.
func treeOf(path, root string) (string, error) {
	if root == "" {
		return terraform.TreeRoot(path)
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if rel, err := filepath.Rel(absRoot, abs); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("not inside --root %s", root)
	}
	return absRoot, nil
}

// walkFiles finds the single-file inputs under dir: plan JSON and state
// files by their conventional names (other JSON files are left alone
// unless named directly), and every file a registered file format claims by
// content. Hidden directories and node_modules are skipped, and so are
// symbolic links, so that the walk stays inside the scanned tree. Claimed
// paths (the files of Helm charts and kustomizations) are left alone.
func walkFiles(listed *dirTree, dir string, claimed map[string]bool) ([]input, error) {
	var out []input
	// Files that a registered format may claim, in walk order; their heads
	// are read after the walk, several at a time.
	var candidates []string
	at := map[int]int{} // index in candidates → index in out
	err := listed.walk(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if claimed[filepath.Clean(p)] {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != dir && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		switch {
		case strings.HasSuffix(name, ".tfstate"):
			out = append(out, input{path: p, format: attest.FormatTerraformState})
		case name == "tfplan.json" || name == "plan.json" || strings.HasSuffix(name, ".tfplan.json"):
			out = append(out, input{path: p, format: attest.FormatTerraformPlan})
		case strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json") || strings.HasSuffix(name, ".tfvars"):
		case len(fileFormats) > 0:
			at[len(candidates)] = len(out)
			candidates = append(candidates, p)
			out = append(out, input{}) // filled in below if a format claims it
		}
		return nil
	})
	// On a walk error, what was found before it is still returned.
	found, detectErr := detectFiles(candidates)
	if detectErr != nil {
		return nil, detectErr
	}
	for i, f := range found {
		if f.format != "" {
			out[at[i]] = input{path: candidates[i], format: f.format, src: f.src}
		}
	}
	return slices.DeleteFunc(out, func(in input) bool { return in.path == "" }), err
}

// detected is the format that claims a file ("" for none) and, when its
// head was the whole file, the file's content.
type detected struct {
	format string
	src    []byte
}

// keptBytes bounds the content detectFiles keeps for loading, so that a
// tree of very many small files does not hold them all in memory at once;
// files beyond it are read again when they are loaded.
const keptBytes = 256 << 20

// detectFiles reads the head of each file, several files at a time, and
// returns the format that claims each, with the content of those no larger
// than their head. The first error (in the order of paths) is returned.
func detectFiles(paths []string) ([]detected, error) {
	found := make([]detected, len(paths))
	errs := make([]error, len(paths))
	work := make(chan int, 64)
	var wg sync.WaitGroup
	var keptMu sync.Mutex
	kept := 0
	keep := func(n int) bool {
		keptMu.Lock()
		defer keptMu.Unlock()
		if kept+n > keptBytes {
			return false
		}
		kept += n
		return true
	}
	for range min(runtime.GOMAXPROCS(0), max(len(paths), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			head := make([]byte, sniffSize)
			for i := range work {
				f, n, whole, err := detectHead(paths[i], head)
				errs[i] = err
				if f.name == "" {
					continue
				}
				found[i].format = f.name
				if whole && keep(n) {
					found[i].src = bytes.Clone(head[:n])
				}
			}
		}()
	}
	for i := range paths {
		work <- i
	}
	close(work)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return found, nil
}

// detectFile reads the head of a file and returns the file format that
// claims it, if any.
func detectFile(path string, info fs.FileInfo) (fileFormat, bool, error) {
	if len(fileFormats) == 0 || !info.Mode().IsRegular() || info.Size() == 0 {
		return fileFormat{}, false, nil
	}
	f, _, _, err := detectHead(path, make([]byte, sniffSize))
	return f, f.name != "", err
}

// detectHead reads the head of a regular file into buf (sniffSize bytes)
// and returns the file format that claims it (the zero fileFormat for
// none; an empty file is of no format), how many bytes of buf it read, and
// whether they are the whole file.
func detectHead(path string, buf []byte) (ff fileFormat, n int, whole bool, err error) {
	n, whole, err = readHead(path, buf)
	if err != nil {
		return fileFormat{}, 0, false, err
	}
	if n == 0 {
		return fileFormat{}, 0, whole, nil
	}
	ff, _ = matchFile(filepath.Base(path), buf[:n])
	return ff, n, whole, nil
}

// otherFormats names the registered file formats for a message, with a
// leading comma, or nothing when there are none.
func otherFormats() string {
	var s string
	for _, f := range dirFormats {
		s += ", " + f.name
	}
	for _, f := range fileFormats {
		s += ", " + f.name
	}
	return s
}

// sniff tells a plan from a state file by content.
func sniff(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("cannot read: %v", pathErr(err))
	}
	switch {
	case tfplan.Detect(data):
		return attest.FormatTerraformPlan, nil
	case tfstate.Detect(data):
		return attest.FormatTerraformState, nil
	}
	return "", fmt.Errorf("unknown input format (known: Terraform .tf files, plan JSON from 'terraform show -json', terraform.tfstate v4)")
}

// load reads every input, several at a time, and returns the resources in a
// stable order with the roots they came from.
func load(ctx context.Context, inputs []input, p Params) ([]attest.Resource, []string, attest.Diagnostics) {
	type result struct {
		resources  []attest.Resource
		diags      attest.Diagnostics
		undeclared []string
	}
	results := make([]result, len(inputs))
	// Fewer inputs than cores: a Terraform root may load its module calls
	// on the cores left over.
	p.tfParallel = runtime.GOMAXPROCS(0) / max(len(inputs), 1)

	// The inputs other than Terraform root modules load first, so that
	// the types of their resources are known early (Params.loadedTypes);
	// each result keeps its input's place, so the order is the same.
	order := make([]int, 0, len(inputs))
	for i, in := range inputs {
		if in.format != attest.FormatTerraform {
			order = append(order, i)
		}
	}
	others := order[:len(order):len(order)]
	for i, in := range inputs {
		if in.format == attest.FormatTerraform {
			order = append(order, i)
		}
	}
	var typesOnce sync.Once
	reportTypes := func() {
		typesOnce.Do(func() {
			if p.loadedTypes == nil {
				return
			}
			seen := map[string]bool{}
			for _, i := range others {
				for _, r := range results[i].resources {
					seen[r.Type] = true
				}
			}
			p.loadedTypes(slices.Sorted(maps.Keys(seen)))
		})
	}
	othersLeft := len(others)
	if othersLeft == 0 {
		reportTypes()
	}

	work := make(chan int)
	var wg sync.WaitGroup
	var progressMu sync.Mutex
	done := 0
	for range min(runtime.GOMAXPROCS(0), max(len(inputs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				in := inputs[i]
				res, diags, undeclared := loadOne(ctx, in, p)
				results[i] = result{res, diags, undeclared}
				progressMu.Lock()
				done++
				if p.Progress != nil {
					fmt.Fprintf(p.Progress, "loaded %s (%s): %d resources\n", in.path, in.format, len(res))
				}
				if p.OnLoad != nil {
					p.OnLoad(done, len(inputs))
				}
				lastOther := false
				if in.format != attest.FormatTerraform {
					othersLeft--
					lastOther = othersLeft == 0
				}
				progressMu.Unlock()
				if lastOther {
					// Every other result was stored before its
					// count went down under progressMu.
					reportTypes()
				}
			}
		}()
	}
	for _, i := range order {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	reportTypes() // when a cancelled load left some out

	// One allocation of the right size: resources are large structs, and
	// growing the slice by appending would copy them several times over.
	total := 0
	for _, r := range results {
		total += len(r.resources)
	}
	var resources []attest.Resource
	if total > 0 {
		resources = make([]attest.Resource, 0, total)
	}
	var diags attest.Diagnostics
	roots := make([]string, 0, len(inputs))
	ignoredBy := map[string][]string{}
	tfRoots := 0
	for i, r := range results {
		resources = append(resources, r.resources...)
		diags = append(diags, r.diags...)
		roots = append(roots, inputs[i].path)
		if inputs[i].format == attest.FormatTerraform {
			tfRoots++
		}
		for _, name := range r.undeclared {
			ignoredBy[name] = append(ignoredBy[name], inputs[i].path)
		}
	}
	diags = append(diags, undeclaredVars(ignoredBy, tfRoots)...)
	// The problems of a Terraform file, once however many roots use it.
	diags = append(diags, p.tfFiles.Diagnostics()...)
	return resources, roots, diags
}

// undeclaredVars warns once per --var or config variable that some root
// modules do not declare: they ignored it, as each root of a scan gets the
// same variables.
func undeclaredVars(ignoredBy map[string][]string, roots int) attest.Diagnostics {
	var diags attest.Diagnostics
	for _, name := range slices.Sorted(maps.Keys(ignoredBy)) {
		by := ignoredBy[name]
		detail := fmt.Sprintf("no root module declares variable %q; its value was ignored", name)
		if len(by) < roots {
			shown := by[:min(len(by), 3)]
			more := ""
			if len(by) > len(shown) {
				more = fmt.Sprintf(" and %d more", len(by)-len(shown))
			}
			detail = fmt.Sprintf("%d of %d root modules do not declare variable %q and ignored its value: %s%s", len(by), roots, name, strings.Join(shown, ", "), more)
		}
		diags = append(diags, attest.Diagnostic{Severity: attest.DiagWarning, Pos: attest.Pos{File: "--var"}, Summary: "value for undeclared variable", Detail: detail})
	}
	return diags
}

func loadOne(ctx context.Context, in input, p Params) ([]attest.Resource, attest.Diagnostics, []string) {
	fail := func(err error) attest.Diagnostics {
		var ds attest.Diagnostics
		if errors.As(err, &ds) {
			return ds
		}
		return attest.Diagnostics{{Severity: attest.DiagError, Pos: attest.Pos{File: in.path}, Summary: err.Error()}}
	}
	switch in.format {
	case attest.FormatTerraform:
		res, err := terraform.LoadModule(ctx, in.path, terraform.Options{
			EnvVars:      p.EnvVars,
			VarFiles:     p.Config.VarFiles,
			Vars:         p.Config.Variables,
			MaxInstances: p.MaxInstances,
			Root:         in.tree,
			Workspace:    p.Workspace,
			Limits:       terraform.Limits(p.Config.Limits),
			Cache:        p.tfFiles,
			Parallel:     p.tfParallel,
		})
		if err != nil {
			return nil, fail(err), nil
		}
		return res.Resources, res.Diagnostics, res.UndeclaredVars
	case attest.FormatTerraformPlan, attest.FormatTerraformState:
		data, err := os.ReadFile(in.path)
		if err != nil {
			return nil, fail(fmt.Errorf("cannot read: %v", pathErr(err))), nil
		}
		loadFn := tfplan.Load
		if in.format == attest.FormatTerraformState {
			loadFn = tfstate.Load
		}
		res, diags, err := loadFn(in.path, bytes.NewReader(data))
		if err != nil {
			return nil, append(diags, fail(err)...), nil
		}
		return res, diags, nil
	}
	if f, ok := dirFormatNamed(in.format); ok {
		res, diags := f.load(ctx, in.path, in.tree, p)
		return res, diags, nil
	}
	if f, ok := fileFormatNamed(in.format); ok && in.src != nil {
		p.waivers.remember(in.path, in.src)
		res, diags := f.load(ctx, in.path, in.src, p)
		return res, diags, nil
	} else if ok {
		info, err := os.Stat(in.path)
		if err != nil {
			return nil, fail(fmt.Errorf("cannot read: %v", pathErr(err))), nil
		}
		if info.Size() > maxInputFile {
			return nil, fail(fmt.Errorf("file of %d bytes is larger than the %d bytes read for a %s input", info.Size(), maxInputFile, f.name)), nil
		}
		data, err := os.ReadFile(in.path)
		if err != nil {
			return nil, fail(fmt.Errorf("cannot read: %v", pathErr(err))), nil
		}
		p.waivers.remember(in.path, data)
		res, diags := f.load(ctx, in.path, data, p)
		return res, diags, nil
	}
	return nil, fail(fmt.Errorf("unknown input format %q", in.format)), nil
}

// pathErr drops the path from an fs.PathError, for messages that name the
// path themselves.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
