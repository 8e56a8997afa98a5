package scan

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/kubernetes"
)

// Input formats of Kubernetes configuration that are directories.
const (
	formatHelm      = "helm"
	formatKustomize = "kustomize"
)

// Kubernetes manifests are single files found by content; Helm charts and
// Kustomize folders are directory inputs.
func init() {
	fileFormats = append(fileFormats, fileFormat{
		name:  attest.FormatKubernetes,
		match: kubernetes.Detect,
		load: func(_ context.Context, path string, src []byte, _ Params) ([]attest.Resource, attest.Diagnostics) {
			return kubernetes.Load(path, src)
		},
	})
	dirFormats = append(dirFormats,
		dirFormat{name: formatHelm, find: findCharts, load: loadChart},
		dirFormat{name: formatKustomize, find: findKustomizations, load: loadKustomization},
	)
}

// walkDirs calls fn on every directory under dir that the file walk would
// visit (hidden directories, node_modules and symbolic links are skipped);
// fn returns fs.SkipDir to leave a subtree.
func walkDirs(listed *dirTree, dir string, fn func(p string) error) error {
	return listed.walk(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
			return fs.SkipDir
		}
		return fn(p)
	})
}

// findCharts returns the Helm charts under dir: every folder with a
// Chart.yaml that is not inside another chart (subcharts render with their
// parent). A chart claims what Helm reads of it (Chart.yaml, values files,
// templates/, charts/, crds/): templates are not manifests. Anything else in
// the folder (a Dockerfile, Terraform, a CloudFormation template) is still
// scanned as its own format.
func findCharts(listed *dirTree, dir string) ([]string, []string, error) {
	var roots, claimed []string
	err := walkDirs(listed, dir, func(p string) error {
		if !listed.mayHold(p, "Chart.yaml") || !kubernetes.IsChart(p) {
			return nil
		}
		roots = append(roots, p)
		for _, sub := range []string{"Chart.yaml", "Chart.lock", "requirements.yaml", "requirements.lock", "templates", "charts", "crds"} {
			claimed = append(claimed, filepath.Join(p, sub))
		}
		values, _ := filepath.Glob(filepath.Join(p, "values*.y*ml"))
		claimed = append(claimed, values...)
		schemas, _ := filepath.Glob(filepath.Join(p, "values.schema.json"))
		claimed = append(claimed, schemas...)
		// Subcharts render with their parent; other folders are walked.
		return nil
	})
	return roots, claimed, err
}

func loadChart(_ context.Context, dir, tree string, p Params) ([]attest.Resource, attest.Diagnostics) {
	root, err := os.OpenRoot(tree)
	if err != nil {
		return nil, attest.Diagnostics{{Severity: attest.DiagError, Pos: attest.Pos{File: dir}, Summary: "cannot read: " + pathErr(err).Error()}}
	}
	defer root.Close()
	return kubernetes.LoadChart(root, dir, kubernetes.HelmOptions{ValueFiles: p.HelmValues, Set: p.HelmSet})
}

// findKustomizations returns the kustomization folders under dir that no
// other kustomization under dir refers to: overlays are built as they are
// applied, and a base they use is not built again on its own. Every
// kustomization folder claims the files directly in it and the files its
// kustomization names, so that bases and patches are not read as plain
// manifests.
func findKustomizations(listed *dirTree, dir string) ([]string, []string, error) {
	var all, claimed []string
	referenced := map[string]bool{}
	err := walkDirs(listed, dir, func(p string) error {
		if !listed.mayHold(p, kubernetes.KustomizationNames...) {
			return nil
		}
		file := kubernetes.KustomizationFile(p)
		if file == "" {
			return nil
		}
		all = append(all, p)
		entries, err := listed.readDir(p)
		if err != nil {
			return err
		}
		claimed = append(claimed, file)
		for _, e := range entries {
			if e.IsDir() || !e.Type().IsRegular() {
				continue
			}
			// Manifests beside the kustomization are its to build (or
			// to leave out); other formats stay for their own loaders.
			f := filepath.Join(p, e.Name())
			if isManifest(f) {
				claimed = append(claimed, f)
			}
		}
		k, err := kubernetes.ReadKustomization(file)
		if err != nil {
			return nil // the build reports it
		}
		for _, ref := range k.Refs {
			if !kubernetes.IsRemote(ref) {
				referenced[filepath.Clean(filepath.Join(p, ref))] = true
				claimed = append(claimed, filepath.Join(p, ref))
			}
		}
		for _, f := range k.Files {
			claimed = append(claimed, filepath.Join(p, f))
		}
		return nil
	})
	var roots []string
	for _, k := range all {
		if !referenced[filepath.Clean(k)] {
			roots = append(roots, k)
		}
	}
	return roots, claimed, err
}

// isManifest reports whether the file at path reads as a Kubernetes
// manifest by its name and first bytes.
func isManifest(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, sniffSize)
	n, _ := io.ReadFull(f, head)
	return kubernetes.Detect(filepath.Base(path), head[:n])
}

func loadKustomization(_ context.Context, dir, tree string, _ Params) ([]attest.Resource, attest.Diagnostics) {
	if real, err := filepath.EvalSymlinks(tree); err == nil {
		tree = real
	}
	return kubernetes.LoadKustomization(tree, dir)
}

// ignoreAnnotation is the annotation that waives rules on a Kubernetes
// object, the way Kubernetes users annotate objects for other tools:
//
//	attest.dev/ignore: k8s-pod-host-network reason="node agent" expires=2026-12-31
//
// Several waivers go on separate lines or are separated by ";". Like an
// inline comment waiver, each names one rule and needs a reason and an
// expiry; an expired one stops waiving.
const ignoreAnnotation = "attest.dev/ignore"

var annotationReasonRE = regexp.MustCompile(`reason=(?:"([^"]*)"|(\S+))`)

// keepsAttributes reports whether the attributes of a scanned resource are
// still read after its evaluation: those of Kubernetes objects are, by
// annotationWaivers.
func keepsAttributes(r *attest.Resource) bool {
	return r.Format == attest.FormatKubernetes
}

// annotationWaivers reads the attest.dev/ignore annotation of a Kubernetes
// resource. Malformed waivers are warnings and are not applied.
func annotationWaivers(r *attest.Resource) ([]attest.Exception, attest.Diagnostics) {
	if !keepsAttributes(r) {
		return nil, nil
	}
	meta, _ := r.Attributes["metadata"].(map[string]any)
	ann, _ := meta["annotations"].(map[string]any)
	value, ok := ann[ignoreAnnotation].(string)
	if !ok {
		return nil, nil
	}
	at := attest.Pos{File: r.Range.File, Line: r.Range.StartLine}
	var out []attest.Exception
	var diags attest.Diagnostics
	warn := func(format string, args ...any) {
		diags = append(diags, attest.Diagnostic{Severity: attest.DiagWarning, Pos: at,
			Summary: fmt.Sprintf("%s annotation on %s: ", ignoreAnnotation, r.Address) + fmt.Sprintf(format, args...)})
	}
	for _, w := range strings.FieldsFunc(value, func(c rune) bool { return c == '\n' || c == ';' }) {
		fields := strings.Fields(w)
		if len(fields) == 0 {
			continue
		}
		rule := fields[0]
		switch {
		case strings.Contains(rule, "="):
			warn(`needs a rule id first ("RULE-ID reason=... expires=YYYY-MM-DD"); it is not applied`)
			continue
		case strings.ContainsAny(rule, "*?"):
			warn("%q: wildcards are allowed only in the exceptions register (.attest.yaml, with owner and expiry); it is not applied", rule)
			continue
		}
		e := attest.Exception{RuleID: rule, Resource: r.Address, Source: at, Owner: "annotation"}
		if m := annotationReasonRE.FindStringSubmatch(w); m != nil {
			e.Justification = m[1] + m[2]
		}
		if e.Justification == "" {
			warn("waiver of %s needs reason=...; it is not applied", rule)
			continue
		}
		x := expiresRE.FindStringSubmatch(w)
		if x == nil {
			warn("waiver of %s needs expires=YYYY-MM-DD; it is not applied", rule)
			continue
		}
		t, err := time.Parse(time.DateOnly, x[1])
		if err != nil {
			warn("waiver of %s: expires=%q: want YYYY-MM-DD; it is not applied", rule, x[1])
			continue
		}
		e.Expires = t
		out = append(out, e)
	}
	return out, diags
}
