package terraform

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// TreeRoot returns the directory that a scan of path may read files from: the
// top of the git repository that holds path (the nearest directory, path
// itself included, with a .git entry, as git finds it) or, outside any
// repository, path itself (its directory when path is a file). The result is
// absolute.
func TreeRoot(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("tree root of %s: %w", path, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("tree root of %s: %w", path, err)
	}
	if !fi.IsDir() {
		abs = filepath.Dir(abs)
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, nil
		}
		up := filepath.Dir(d)
		if up == d {
			return abs, nil
		}
		d = up
	}
}

// tree is the part of the file system that a configuration may read: what
// file(), templatefile() and the other file functions open, local module
// sources, tfvars files next to the root module and the module manifest. A
// scanned configuration is untrusted input, so a path outside the tree, or
// one that leaves it through a symbolic link, is refused (os.Root enforces
// the second).
type tree struct {
	dir  string // absolute and clean
	root *os.Root
	// cwd is the working directory when the tree was opened, for rel to
	// make relative paths absolute without asking the system each time
	// (filepath.Abs costs two stat calls a path); "" when it could not
	// be read, and rel asks filepath.Abs.
	cwd string
}

// openTree opens dir as the tree a load may read.
func openTree(dir string) (*tree, error) {
	cwd, err := os.Getwd()
	if err != nil {
		cwd = ""
	}
	abs := filepath.Clean(dir)
	if !filepath.IsAbs(dir) {
		if cwd == "" {
			if abs, err = filepath.Abs(dir); err != nil {
				return nil, err
			}
		} else {
			abs = filepath.Join(cwd, dir)
		}
	}
	r, err := os.OpenRoot(abs)
	if err != nil {
		return nil, err
	}
	return &tree{dir: abs, root: r, cwd: cwd}, nil
}

// abs is filepath.Abs(p) against the working directory of the tree's
// opening (attest never changes its working directory).
func (t *tree) abs(p string) (string, error) {
	switch {
	case filepath.IsAbs(p):
		return filepath.Clean(p), nil
	case t.cwd == "":
		return filepath.Abs(p)
	}
	return filepath.Join(t.cwd, p), nil
}

func (t *tree) close() { t.root.Close() }

// errOutside is the error of a path the configuration may not read.
type outsideError struct {
	path, tree string
	link       bool
}

func (e *outsideError) Error() string {
	how := "is outside"
	if e.link {
		how = "leaves through a symbolic link"
	}
	return fmt.Sprintf("%s %s the scanned tree %s; only files inside it are read (name a wider directory with --root)", e.path, how, e.tree)
}

// rel returns p relative to the tree, or an *outsideError when p lies
// outside it.
func (t *tree) rel(p string) (string, error) {
	abs, err := t.abs(p)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(t.dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", &outsideError{path: p, tree: t.dir}
	}
	return rel, nil
}

// explain turns the error of an os.Root operation on p into an
// *outsideError when p exists but is reached through a symbolic link that
// points out of the tree.
func (t *tree) explain(p string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return err
	}
	real, rerr := filepath.EvalSymlinks(p)
	if rerr != nil {
		return err
	}
	treeReal, terr := filepath.EvalSymlinks(t.dir)
	if terr != nil {
		return err
	}
	if rel, rerr := filepath.Rel(treeReal, real); rerr != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return &outsideError{path: p, tree: t.dir, link: true}
	}
	return err
}

// stat describes p, following symbolic links that stay inside the tree.
func (t *tree) stat(p string) (fs.FileInfo, error) {
	rel, err := t.rel(p)
	if err != nil {
		return nil, err
	}
	fi, err := t.root.Stat(rel)
	if err != nil {
		return nil, t.explain(p, err)
	}
	return fi, nil
}

// readDir lists the directory p.
func (t *tree) readDir(p string) ([]fs.DirEntry, error) {
	rel, err := t.rel(p)
	if err != nil {
		return nil, err
	}
	f, err := t.root.Open(rel)
	if err != nil {
		return nil, t.explain(p, err)
	}
	defer f.Close()
	return f.ReadDir(-1)
}

// readFile reads the file p, refusing more than max bytes when max > 0.
func (t *tree) readFile(p string, max int64) ([]byte, error) {
	rel, err := t.rel(p)
	if err != nil {
		return nil, err
	}
	f, err := t.root.Open(rel)
	if err != nil {
		return nil, t.explain(p, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	var r io.Reader = f
	if max > 0 {
		r = io.LimitReader(f, max+1)
	}
	// Read into a buffer of the file's size (one byte more, to see the
	// end) rather than one that io.ReadAll grows from 512 bytes: every
	// configuration file of a scan is read, and the doubling allocated
	// several times its size.
	size := fi.Size() + 1
	if max > 0 {
		size = min(size, max+1)
	}
	b, err := readSized(r, int(min(size, 1<<20)))
	if err != nil {
		return nil, err
	}
	if max > 0 && int64(len(b)) > max {
		return nil, fmt.Errorf("%s is larger than %d bytes", p, max)
	}
	return b, nil
}

// readSized reads r to its end into a buffer of size bytes to begin with,
// grown as append grows it when r holds more.
func readSized(r io.Reader, size int) ([]byte, error) {
	b := make([]byte, 0, max(size, 512))
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// notText says why src cannot be configuration text, with the line it
// happens on, or returns ok.
func notText(src []byte) (line int, why string, bad bool) {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return 1 + bytes.Count(src[:i], []byte{'\n'}), "it holds NUL bytes", true
	}
	if !utf8.Valid(src) {
		i := 0
		for i < len(src) {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return 1 + bytes.Count(src[:i], []byte{'\n'}), "it is not valid UTF-8", true
	}
	return 0, "", false
}
