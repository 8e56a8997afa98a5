package kubernetes

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
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
	for _, name := range konfigNames {
		p := filepath.Join(dir, name)
		if info, err := os.Lstat(p); err == nil && info.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

var konfigNames = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// Kustomization is what attest reads of a kustomization file to find roots
// and refuse remote bases before building.
type Kustomization struct {
	// Refs are the resources, bases and components, as written.
	Refs []string
	// Files are the other files it names (patches and generator sources),
	// as written.
	Files []string
}

// ReadKustomization reads the references of a kustomization file.
func ReadKustomization(file string) (Kustomization, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return Kustomization{}, err
	}
	var k types.Kustomization
	if err := yaml.Unmarshal(data, &k); err != nil {
		return Kustomization{}, fmt.Errorf("%s: %v", file, err)
	}
	// The deprecated fields are still read by kustomize, so by attest too.
	var out Kustomization
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
	if err := refuseRemote(abs, map[string]bool{}); err != nil {
		return fail("%v", err)
	}
	fsys := confinedFS{FileSystem: filesys.MakeFsOnDisk(), root: tree}
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
	return rs, ds
}

// refuseRemote looks through the kustomization in dir and the local ones
// it refers to for a remote base, which attest does not fetch.
func refuseRemote(dir string, seen map[string]bool) error {
	if seen[dir] {
		return nil
	}
	seen[dir] = true
	file := KustomizationFile(dir)
	if file == "" {
		return nil
	}
	k, err := ReadKustomization(file)
	if err != nil {
		return err
	}
	for _, ref := range k.Refs {
		if IsRemote(ref) {
			return fmt.Errorf("%s refers to remote base %q: attest builds kustomizations offline and does not fetch remote bases; vendor the base into the repository (or scan its output)", file, ref)
		}
		if err := refuseRemote(filepath.Join(dir, ref), seen); err != nil {
			return err
		}
	}
	return nil
}

// confinedFS is the disk seen by kustomize, limited to reading inside root:
// a base or a generator source outside it (by .., an absolute path or a
// symbolic link) is refused. Writes are refused.
type confinedFS struct {
	filesys.FileSystem
	root string
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
	if err := c.check(path); err != nil {
		return nil, err
	}
	return c.FileSystem.ReadFile(path)
}

func (c confinedFS) Open(path string) (filesys.File, error) {
	if err := c.check(path); err != nil {
		return nil, err
	}
	return c.FileSystem.Open(path)
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
