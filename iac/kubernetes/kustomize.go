package kubernetes

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"

	"github.com/attest-dev/attest"
)

// KustomizationFile returns the kustomization file of dir, or "" when it
// has none.
func KustomizationFile(dir string) string {
	for _, name := range KustomizationNames {
		p := filepath.Join(dir, name)
		if info, err := os.Lstat(p); err == nil && info.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// KustomizationNames are the names a kustomization file may have, in the
// order kustomize looks for them.
var KustomizationNames = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// Kustomization is what attest reads of a kustomization file to find roots
// and refuse remote bases before building.
type Kustomization struct {
	// Refs are the resources, bases and components, as written.
	Refs []string
	// Plugins are the generators, transformers and validators, as
	// written: files or folders that kustomize loads like Refs.
	Plugins []string
	// values are every string of the file, to look for URLs anywhere
	// kustomize would load one (generator sources, replacements,
	// openapi, configurations...).
	values []string
	// Files are the other files it names (patches and generator sources),
	// as written.
	Files []string
	// originAnnotations is set when the file asks kustomize for origin
	// annotations itself (buildMetadata: [originAnnotations]).
	originAnnotations bool
}

// ReadKustomization reads the references of a kustomization file. It
// reads only a regular file (not a FIFO or a device, which would block).
func ReadKustomization(file string) (Kustomization, error) {
	info, err := os.Lstat(file)
	if err != nil {
		return Kustomization{}, err
	}
	if !info.Mode().IsRegular() {
		return Kustomization{}, fmt.Errorf("%s is not a regular file", file)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return Kustomization{}, err
	}
	var k types.Kustomization
	if err := yaml.Unmarshal(data, &k); err != nil {
		return Kustomization{}, fmt.Errorf("%s: %v", file, err)
	}
	var raw any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return Kustomization{}, fmt.Errorf("%s: %v", file, err)
	}
	// The deprecated fields are still read by kustomize, so by attest too.
	var out Kustomization
	out.values = stringsIn(raw, nil)
	out.originAnnotations = slices.Contains(k.BuildMetadata, types.OriginAnnotations)
	out.Plugins = append(append(append(out.Plugins, k.Generators...), k.Transformers...), k.Validators...)
	out.Refs = append(append(out.Refs, k.Resources...), k.Components...)
	//lint:ignore SA1019 kustomize still builds bases
	out.Refs = append(out.Refs, k.Bases...)
	//lint:ignore SA1019 kustomize still applies these patches
	for _, p := range k.PatchesStrategicMerge {
		out.Files = append(out.Files, string(p))
	}
	for _, p := range k.Patches {
		if p.Path != "" {
			out.Files = append(out.Files, p.Path)
		}
	}
	//lint:ignore SA1019 kustomize still applies these patches
	for _, p := range k.PatchesJson6902 {
		if p.Path != "" {
			out.Files = append(out.Files, p.Path)
		}
	}
	return out, nil
}

var remoteRE = regexp.MustCompile(`^(https?://|git@|ssh://|git::|github\.com/|gitlab\.com/|bitbucket\.org/)|\?ref=|\.git(//|$)|/_git/`)

// IsRemote reports whether a kustomization reference names a remote base
// (a git repository or a URL) rather than a local path.
func IsRemote(ref string) bool {
	return remoteRE.MatchString(ref) || strings.Contains(ref, "://")
}

// LoadKustomization builds the kustomization in dir with kustomize's own
// krusty, as kubectl kustomize would, and loads the objects it outputs.
// Files are read only inside tree (an absolute directory, the scanned
// tree); remote bases are refused, not fetched, and plugins are off. Each
// object points at the kustomization file that built it.
func LoadKustomization(tree, dir string) ([]attest.Resource, attest.Diagnostics) {
	file := KustomizationFile(dir)
	fail := func(format string, args ...any) ([]attest.Resource, attest.Diagnostics) {
		return nil, attest.Diagnostics{{Severity: attest.DiagError, Pos: attest.Pos{File: file},
			Summary: "kustomization does not build", Detail: fmt.Sprintf(format, args...)}}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fail("%v", err)
	}
	if err := refuseRemote(tree, abs, map[string]bool{}); err != nil {
		return fail("%v", err)
	}
	absFile, err := filepath.Abs(file)
	if err != nil {
		return fail("%v", err)
	}
	fsys := confinedFS{FileSystem: filesys.MakeFsOnDisk(), root: tree, origins: absFile}
	opts := krusty.MakeDefaultOptions()
	res, err := krusty.MakeKustomizer(opts).Run(fsys, abs)
	if err != nil {
		return fail("%v", err)
	}
	out, err := res.AsYaml()
	if err != nil {
		return fail("%v", err)
	}
	rs, ds := loadDocs(file, out, dir, func(int, attest.Range) attest.Range {
		return attest.Range{File: file, StartLine: 1}
	})
	keep := false
	if k, err := ReadKustomization(file); err == nil {
		keep = k.originAnnotations
	}
	// Source files are read as kustomize read them: only inside tree.
	src := sourceFinder{dir: dir, fsys: confinedFS{FileSystem: filesys.MakeFsOnDisk(), root: tree}, files: map[string][]attest.Resource{}}
	for i := range rs {
		src.place(&rs[i], file, keep)
	}
	return rs, ds
}

// originKey is the annotation in which kustomize records the file an
// object came from (with buildMetadata: [originAnnotations]).
const originKey = "config.kubernetes.io/origin"

// sourceFinder points the objects a kustomization builds back at the
// document of the base or overlay file each came from.
type sourceFinder struct {
	dir   string
	fsys  confinedFS
	files map[string][]attest.Resource // the objects of each source file, read once
}

// place sets r's range from its origin annotation, which it then removes
// unless the kustomization asked for it (keep): a resource from a file
// points at its document there, a generated one at its generator in the
// kustomization that configures it. Without a usable origin r keeps the
// kustomization file.
func (s *sourceFinder) place(r *attest.Resource, file string, keep bool) {
	meta, _ := r.Attributes["metadata"].(map[string]any)
	ann, _ := meta["annotations"].(map[string]any)
	text, _ := ann[originKey].(string)
	if text == "" {
		return
	}
	if !keep {
		delete(ann, originKey)
		if len(ann) == 0 {
			delete(meta, "annotations")
		}
	}
	var o struct {
		Path         string `json:"path"`
		Repo         string `json:"repo"`
		ConfiguredIn string `json:"configuredIn"`
	}
	if err := yaml.Unmarshal([]byte(text), &o); err != nil || o.Repo != "" {
		return
	}
	if o.ConfiguredIn != "" {
		gen := filepath.Join(s.dir, filepath.FromSlash(o.ConfiguredIn))
		name, _ := meta["name"].(string)
		if line := s.generatorLine(gen, name); line > 0 {
			r.Range = attest.Range{File: gen, StartLine: line, EndLine: line}
		}
		return
	}
	if o.Path == "" {
		return
	}
	path := filepath.Join(s.dir, filepath.FromSlash(o.Path))
	objs, ok := s.files[path]
	if !ok {
		if data, err := s.fsys.ReadFile(path); err == nil {
			objs, _ = Load(path, data)
		}
		s.files[path] = objs
	}
	if m := matchSource(r, objs); m != nil {
		r.Range = m.Range
	} else if len(objs) > 0 {
		r.Range = attest.Range{File: path, StartLine: 1}
	}
}

// matchSource finds the object of a source file that a built object came
// from: the one of the same kind whose name the built name contains
// (namePrefix and nameSuffix only add to it), the longest such name when
// several do.
func matchSource(r *attest.Resource, objs []attest.Resource) *attest.Resource {
	name := objectName(r)
	var best *attest.Resource
	for i := range objs {
		o := &objs[i]
		n := objectName(o)
		if o.Type != r.Type || !strings.Contains(name, n) {
			continue
		}
		if best == nil || len(n) > len(objectName(best)) {
			best = o
		}
	}
	return best
}

func objectName(r *attest.Resource) string {
	meta, _ := r.Attributes["metadata"].(map[string]any)
	n, _ := meta["name"].(string)
	return n
}

// generatorLine is the line of the kustomization file where the generator
// of the object called built is declared ("- name: x" where x is built
// without the prefix and suffix the kustomization adds; the longest such
// name when several fit), 0 when none is found.
func (s *sourceFinder) generatorLine(file, built string) int {
	data, err := s.fsys.ReadFile(file)
	if err != nil || built == "" {
		return 0
	}
	line, longest := 0, 0
	for i, l := range strings.Split(string(data), "\n") {
		m := generatorNameRE.FindStringSubmatch(l)
		if m == nil || !strings.Contains(built, m[2]) || len(m[2]) <= longest {
			continue
		}
		line, longest = i+1, len(m[2])
	}
	return line
}

var generatorNameRE = regexp.MustCompile(`^\s*(-\s+)?name:\s*["']?([^"'\s#]+)["']?\s*(#.*)?$`)

// stringsIn collects every string value (not key) of a decoded YAML tree.
func stringsIn(v any, out []string) []string {
	switch v := v.(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, e := range v {
			out = stringsIn(e, out)
		}
	case map[string]any:
		for _, e := range v {
			out = stringsIn(e, out)
		}
	}
	return out
}

// refuseRemote checks the kustomization in dir, and the local ones it
// refers to, before kustomize sees them: every resource, base, component,
// generator, transformer and validator must be an existing local file or
// folder inside tree, and no value may be a URL. kustomize would otherwise
// fetch what it cannot find locally (git over any protocol, HTTP), and a
// pull request could make the scanner connect anywhere. Nothing outside
// tree is read.
func refuseRemote(tree, dir string, seen map[string]bool) error {
	if seen[dir] {
		return nil
	}
	seen[dir] = true
	if !inside(tree, dir) {
		return fmt.Errorf("%s is outside the scanned tree %s; attest reads kustomizations only inside it", dir, tree)
	}
	file := KustomizationFile(dir)
	if file == "" {
		return nil
	}
	k, err := ReadKustomization(file)
	if err != nil {
		return err
	}
	for _, v := range k.values {
		if strings.Contains(v, "://") {
			return fmt.Errorf("%s names the URL %q: attest builds kustomizations offline and does not fetch remote bases or files; vendor it into the repository (or scan the build output)", file, v)
		}
	}
	for _, ref := range append(slices.Clone(k.Refs), k.Plugins...) {
		p := ref
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, ref)
		}
		if !inside(tree, p) {
			return fmt.Errorf("%s refers to %q, outside the scanned tree %s", file, ref, tree)
		}
		info, err := os.Lstat(p)
		if err != nil || (!info.IsDir() && !info.Mode().IsRegular()) {
			return fmt.Errorf("%s refers to %q, which is not a local file or folder in the scanned tree: attest builds kustomizations offline and does not fetch remote bases; vendor the base into the repository (or scan its output)", file, ref)
		}
		if info.IsDir() {
			if err := refuseRemote(tree, p, seen); err != nil {
				return err
			}
		}
	}
	return nil
}

// inside reports whether path lies in tree once symbolic links are
// followed (a path that does not exist is judged as written).
func inside(tree, path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		real = abs
	}
	treeReal, err := filepath.EvalSymlinks(tree)
	if err != nil {
		treeReal = tree
	}
	rel, err := filepath.Rel(treeReal, real)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// confinedFS is the disk seen by kustomize, limited to reading inside root:
// a base or a generator source outside it (by .., an absolute path or a
// symbolic link) is refused. Writes are refused.
type confinedFS struct {
	filesys.FileSystem
	root string
	// origins is the absolute path of the kustomization being built: it
	// is read with originAnnotations added to its buildMetadata, so that
	// every object says which file it came from.
	origins string
}

func (c confinedFS) check(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		// Not there: let the disk say so, unless the path itself leaves.
		real = abs
	}
	rel, err := filepath.Rel(c.root, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s is outside the scanned tree %s", path, c.root)
	}
	return nil
}

func (c confinedFS) ReadFile(path string) ([]byte, error) {
	if err := c.regular(path); err != nil {
		return nil, err
	}
	data, err := c.FileSystem.ReadFile(path)
	if err != nil || c.origins == "" {
		return data, err
	}
	if abs, _ := filepath.Abs(path); abs != c.origins {
		return data, nil
	}
	return withOriginAnnotations(data), nil
}

// withOriginAnnotations adds originAnnotations to the buildMetadata of a
// kustomization file. A file that does not parse is returned as it is, for
// kustomize to report.
func withOriginAnnotations(data []byte) []byte {
	var k map[string]any
	if err := yaml.Unmarshal(data, &k); err != nil || k == nil {
		return data
	}
	meta, _ := k["buildMetadata"].([]any)
	for _, m := range meta {
		if m == types.OriginAnnotations {
			return data
		}
	}
	k["buildMetadata"] = append(meta, types.OriginAnnotations)
	out, err := yaml.Marshal(k)
	if err != nil {
		return data
	}
	return out
}

func (c confinedFS) Open(path string) (filesys.File, error) {
	if err := c.regular(path); err != nil {
		return nil, err
	}
	return c.FileSystem.Open(path)
}

// regular checks path and refuses anything but a regular file: opening a
// FIFO or a device would block the scan.
func (c confinedFS) regular(path string) error {
	if err := c.check(path); err != nil {
		return err
	}
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", path)
	}
	return nil
}

func (c confinedFS) ReadDir(path string) ([]string, error) {
	if err := c.check(path); err != nil {
		return nil, err
	}
	return c.FileSystem.ReadDir(path)
}

func (c confinedFS) IsDir(path string) bool {
	return c.check(path) == nil && c.FileSystem.IsDir(path)
}

func (c confinedFS) Exists(path string) bool {
	return c.check(path) == nil && c.FileSystem.Exists(path)
}

func (c confinedFS) Walk(path string, fn filepath.WalkFunc) error {
	if err := c.check(path); err != nil {
		return err
	}
	return c.FileSystem.Walk(path, fn)
}

func (c confinedFS) Glob(pattern string) ([]string, error) {
	ms, err := c.FileSystem.Glob(pattern)
	var out []string
	for _, m := range ms {
		if c.check(m) == nil {
			out = append(out, m)
		}
	}
	return out, err
}

func (c confinedFS) CleanedAbs(path string) (filesys.ConfirmedDir, string, error) {
	if err := c.check(path); err != nil {
		return "", "", err
	}
	return c.FileSystem.CleanedAbs(path)
}

func (c confinedFS) Create(path string) (filesys.File, error) {
	return nil, fmt.Errorf("%s: attest does not write while building a kustomization", path)
}

func (c confinedFS) WriteFile(path string, _ []byte) error {
	return fmt.Errorf("%s: attest does not write while building a kustomization", path)
}

func (c confinedFS) Mkdir(path string) error {
	return fmt.Errorf("%s: attest does not write while building a kustomization", path)
}

func (c confinedFS) MkdirAll(path string) error {
	return fmt.Errorf("%s: attest does not write while building a kustomization", path)
}

func (c confinedFS) RemoveAll(path string) error {
	return fmt.Errorf("%s: attest does not write while building a kustomization", path)
}
