package kubernetes

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/ignore"
	"helm.sh/helm/v3/pkg/strvals"

	"github.com/attest-dev/attest"
)

// HelmOptions are the values a chart is rendered with, as helm install
// takes them: values files, then --set assignments, over the chart's own
// values.yaml.
type HelmOptions struct {
	// ValueFiles are --helm-values files, later ones winning.
	ValueFiles []string
	// Set are --helm-set assignments (a.b=c,d=e), applied in order.
	Set []string
	// Release and Namespace name the release; "release-name" and
	// "default" when empty, as helm template does.
	Release   string
	Namespace string
}

// maxChartBytes bounds what one chart (subcharts included) may hold.
const maxChartBytes = 64 << 20

// IsChart reports whether dir holds a Helm chart (a Chart.yaml).
func IsChart(dir string) bool {
	info, err := os.Lstat(filepath.Join(dir, "Chart.yaml"))
	return err == nil && info.Mode().IsRegular()
}

// LoadChart renders the chart in dir with Helm's own engine, offline (no
// cluster: lookup finds nothing; no DNS), and loads every rendered object.
// Files are read through tree, an os.Root on the scanned tree: the chart
// cannot make attest read a file outside it, and symbolic links are not
// followed. Each object points at its template file. A chart Helm refuses
// (a bad Chart.yaml, a template error, a failed required or fail call) is an
// error diagnostic with Helm's message.
func LoadChart(tree *os.Root, dir string, opts HelmOptions) ([]attest.Resource, attest.Diagnostics) {
	fail := func(format string, args ...any) ([]attest.Resource, attest.Diagnostics) {
		return nil, attest.Diagnostics{{Severity: attest.DiagError, Pos: attest.Pos{File: filepath.Join(dir, "Chart.yaml")},
			Summary: "Helm chart does not render", Detail: fmt.Sprintf(format, args...)}}
	}
	files, err := chartFiles(tree, dir)
	if err != nil {
		return fail("%v", err)
	}
	chrt, err := loader.LoadFiles(files)
	if err != nil {
		return fail("%v", err)
	}
	vals := map[string]any{}
	for _, f := range opts.ValueFiles {
		v, err := chartutil.ReadValuesFile(f)
		if err != nil {
			return fail("--helm-values %s: %v", f, err)
		}
		mergeValues(vals, v)
	}
	for _, s := range opts.Set {
		if err := strvals.ParseInto(s, vals); err != nil {
			return fail("--helm-set %s: %v", s, err)
		}
	}
	if err := chartutil.ProcessDependenciesWithMerge(chrt, vals); err != nil {
		return fail("%v", err)
	}
	release := opts.Release
	if release == "" {
		release = "release-name"
	}
	ns := opts.Namespace
	if ns == "" {
		ns = DefaultNamespace
	}
	rv, err := chartutil.ToRenderValues(chrt, vals, chartutil.ReleaseOptions{Name: release, Namespace: ns, Revision: 1, IsInstall: true}, chartutil.DefaultCapabilities)
	if err != nil {
		return fail("%v", err)
	}
	out, unknown, err := renderOffline(chrt, rv)
	if err != nil {
		return fail("%v", err)
	}
	var resources []attest.Resource
	var diags attest.Diagnostics
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range out {
			if !yield(k) {
				return
			}
		}
	}) {
		text := out[name]
		base := path.Base(name)
		if strings.HasPrefix(base, "_") || base == "NOTES.txt" || len(bytes.TrimSpace([]byte(text))) == 0 {
			continue
		}
		// name is chart/templates/x.yaml, or chart/charts/sub/templates/x.yaml
		// for a subchart; the file on disk is below dir.
		_, rel, _ := strings.Cut(name, "/")
		file := filepath.Join(dir, filepath.FromSlash(rel))
		var tmpl []byte
		for _, f := range files {
			if f.Name == rel {
				tmpl = f.Data
			}
		}
		rs, ds := loadDocs(file, []byte(text), dir, templateLines(file, tmpl, []byte(text)))
		for i := range ds {
			// A rendered document that is not YAML is the template's fault.
			ds[i].Summary = "Helm template renders invalid YAML"
			ds[i].Pos = attest.Pos{File: file}
		}
		if why, ok := unknown[name]; ok && len(rs) > 0 {
			for i := range rs {
				rs[i].Unknown = append(rs[i].Unknown, WholeObject)
			}
			ds = append(ds, attest.Diagnostic{Severity: attest.DiagGap, Pos: attest.Pos{File: file, Line: 1},
				Summary: "Helm template not known offline", Detail: why, Affected: len(rs)})
		}
		resources = append(resources, rs...)
		diags = append(diags, ds...)
	}
	return resources, diags
}

// templateLines maps a rendered document back to the template: to the
// template's document of the same index when the template and its output
// have as many documents (the template renders one object per document),
// to the whole template file otherwise.
func templateLines(file string, tmpl, rendered []byte) lineMapper {
	tdocs := splitDocuments(tmpl)
	whole := attest.Range{File: file, StartLine: 1, EndLine: max(1, bytes.Count(bytes.TrimRight(tmpl, "\n"), []byte("\n"))+1)}
	aligned := len(tdocs) == len(splitDocuments(rendered))
	return func(doc int, _ attest.Range) attest.Range {
		if !aligned || doc >= len(tdocs) {
			return whole
		}
		first, last := docLines(tdocs[doc])
		if first == 0 {
			return whole
		}
		return attest.Range{File: file, StartLine: first, EndLine: last}
	}
}

// chartFiles reads the chart in dir (its subcharts under charts/ included)
// through tree, honouring .helmignore as helm does. Symbolic links are
// skipped.
func chartFiles(tree *os.Root, dir string) ([]*loader.BufferedFile, error) {
	rel, err := treeRel(tree, dir)
	if err != nil {
		return nil, err
	}
	rules := ignore.Empty()
	ignoreFile := path.Join(rel, ignore.HelmIgnore)
	if info, err := tree.Lstat(ignoreFile); err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", ignore.HelmIgnore)
	}
	if data, err := tree.ReadFile(ignoreFile); err == nil {
		if rules, err = ignore.Parse(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("%s: %v", ignore.HelmIgnore, err)
		}
	}
	rules.AddDefaults()
	var files []*loader.BufferedFile
	total := 0
	err = fs.WalkDir(tree.FS(), rel, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(strings.TrimPrefix(p, rel), "/")
		if name == "" {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rules.Ignore(name, info) {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || rules.Ignore(name, info) {
			return nil
		}
		total += int(info.Size())
		if total > maxChartBytes {
			return fmt.Errorf("chart holds more than %d bytes", maxChartBytes)
		}
		data, err := tree.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, &loader.BufferedFile{Name: name, Data: data})
		return nil
	})
	return files, err
}

// treeRel is dir relative to the root of tree, slash-separated, or an
// error when dir is outside it.
func treeRel(tree *os.Root, dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(tree.Name(), abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside the scanned tree %s", dir, tree.Name())
	}
	return filepath.ToSlash(rel), nil
}

// mergeValues merges src into dst, maps recursively, as helm merges
// values files.
func mergeValues(dst, src map[string]any) {
	for k, v := range src {
		if sm, ok := v.(map[string]any); ok {
			if dm, ok := dst[k].(map[string]any); ok {
				mergeValues(dm, sm)
				continue
			}
		}
		dst[k] = v
	}
}
