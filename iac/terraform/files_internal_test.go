package terraform

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTreeReadFile reads files of sizes around the buffer's first size and
// its cap through tree.readFile, which sizes its buffer from the file's
// size, with and without a limit.
func TestTreeReadFile(t *testing.T) {
	dir := t.TempDir()
	tr, err := openTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer tr.close()
	for _, n := range []int{0, 1, 511, 512, 513, 4096, 1 << 20, 1<<20 + 1, 3<<20 + 7} {
		want := make([]byte, n)
		for i := range want {
			want[i] = byte('a' + i%26)
		}
		p := filepath.Join(dir, fmt.Sprintf("f%d", n))
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, max := range []int64{0, int64(n), int64(n) + 1, int64(n) - 1} {
			got, err := tr.readFile(p, max)
			if max == int64(n)-1 && max > 0 {
				if err == nil || !strings.Contains(err.Error(), "is larger than") {
					t.Errorf("%d bytes, max %d: err %v, want larger than", n, max, err)
				}
				continue
			}
			if err != nil {
				t.Errorf("%d bytes, max %d: %v", n, max, err)
				continue
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%d bytes, max %d: read %d bytes, not the file's", n, max, len(got))
			}
		}
	}
}

// TestTree_abs checks that the tree makes paths absolute as filepath.Abs
// does, from the working directory it was opened in, without asking the
// system again.
func TestTree_abs(t *testing.T) {
	tr, err := openTree("testdata")
	if err != nil {
		t.Fatal(err)
	}
	defer tr.close()
	if tr.cwd == "" {
		t.Fatal("openTree did not keep the working directory")
	}
	for _, p := range []string{".", "", "testdata", "testdata/../testdata/roots/", "./a//b/..", "..", "../../x", "/", "/tmp/../etc//x/", tr.dir} {
		want, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := tr.abs(p); err != nil || got != want {
			t.Errorf("abs(%q) = %q, %v; want %q as filepath.Abs", p, got, err, want)
		}
	}
	if want, _ := filepath.Abs("testdata"); tr.dir != want {
		t.Errorf("tree dir %q, want %q", tr.dir, want)
	}
}
