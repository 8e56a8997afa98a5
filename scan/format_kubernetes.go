package scan

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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
func walkDirs(dir string, fn func(p string) error) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
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
// parent). A chart claims its whole folder: templates are not manifests.
func findCharts(dir string) ([]string, []string, error) {
	var roots []string
	err := walkDirs(dir, func(p string) error {
		if kubernetes.IsChart(p) {
			roots = append(roots, p)
			return fs.SkipDir
		}
		return nil
	})
	return roots, roots, err
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
func findKustomizations(dir string) ([]string, []string, error) {
	var all, claimed []string
	referenced := map[string]bool{}
	err := walkDirs(dir, func(p string) error {
		file := kubernetes.KustomizationFile(p)
		if file == "" {
			return nil
		}
		all = append(all, p)
		entries, err := os.ReadDir(p)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if !e.IsDir() {
				claimed = append(claimed, filepath.Join(p, e.Name()))
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

func loadKustomization(_ context.Context, dir, tree string, _ Params) ([]attest.Resource, attest.Diagnostics) {
	if real, err := filepath.EvalSymlinks(tree); err == nil {
		tree = real
	}
	return kubernetes.LoadKustomization(tree, dir)
}
