package scan

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// dirTree remembers the listing of every directory read while finding the
// inputs under one scanned path, so that the several searches over the same
// tree (Terraform root modules, Helm charts, kustomizations, single files)
// read each directory once instead of once per search.
type dirTree struct {
	listed map[string]listing
}

// listing is what os.ReadDir returned for one directory.
type listing struct {
	entries []fs.DirEntry
	err     error
}

func newDirTree() *dirTree {
	return &dirTree{listed: map[string]listing{}}
}

// readDir is os.ReadDir, read once per directory.
func (t *dirTree) readDir(dir string) ([]fs.DirEntry, error) {
	if l, ok := t.listed[dir]; ok {
		return l.entries, l.err
	}
	entries, err := os.ReadDir(dir)
	t.listed[dir] = listing{entries, err}
	return entries, err
}

// walk is filepath.WalkDir over the remembered listings: the same order,
// the same calls of fn (a directory that cannot be read is passed a second
// time with its error), the same handling of fs.SkipDir and fs.SkipAll, and
// like WalkDir it does not follow symbolic links.
func (t *dirTree) walk(root string, fn fs.WalkDirFunc) error {
	info, err := os.Lstat(root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = t.walkDir(root, fs.FileInfoToDirEntry(info), fn)
	}
	if errors.Is(err, fs.SkipDir) || errors.Is(err, fs.SkipAll) {
		return nil
	}
	return err
}

func (t *dirTree) walkDir(path string, d fs.DirEntry, fn fs.WalkDirFunc) error {
	if err := fn(path, d, nil); err != nil || !d.IsDir() {
		if errors.Is(err, fs.SkipDir) && d.IsDir() {
			err = nil
		}
		return err
	}
	entries, err := t.readDir(path)
	if err != nil {
		// As WalkDir: fn sees the error and decides; the entries read
		// before it are still walked when fn lets the walk go on.
		if err = fn(path, d, err); err != nil {
			if errors.Is(err, fs.SkipDir) {
				err = nil
			}
			return err
		}
	}
	for _, e := range entries {
		if err := t.walkDir(filepath.Join(path, e.Name()), e, fn); err != nil {
			if errors.Is(err, fs.SkipDir) {
				break
			}
			return err
		}
	}
	return nil
}

// mayHold reports whether dir may hold a file named name (compared without
// case, as a case-insensitive file system would find it) according to its
// listing. It only rules names out: a directory whose listing failed may
// hold anything, and a caller that gets true still checks the file itself.
func (t *dirTree) mayHold(dir string, names ...string) bool {
	entries, err := t.readDir(dir)
	if err != nil {
		return true
	}
	for _, e := range entries {
		for _, n := range names {
			if strings.EqualFold(e.Name(), n) {
				return true
			}
		}
	}
	return false
}

// holdsTerraform reports whether terraform.FindRoots could find anything
// under dir: whether its walk (which skips hidden directories only) meets a
// *.tf or *.tf.json file, or an error it would report. When it does not,
// the search for root modules is skipped, as it would find none.
func (t *dirTree) holdsTerraform(dir string) bool {
	found := false
	err := t.walk(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			if name := d.Name(); strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json") {
				found = true
				return fs.SkipAll
			}
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		return nil
	})
	return found || err != nil
}
