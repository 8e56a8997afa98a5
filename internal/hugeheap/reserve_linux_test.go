//go:build linux

package hugeheap

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// helperEnv, when set in the environment, makes TestHelperProcess act as the
// child process of TestReserve: a fresh heap, unshared with other tests.
const helperEnv = "HUGEHEAP_TEST_RESERVE"

// touched is how much the child allocates and writes after Reserve.
const touched = 32 << 20

// childReport is what the child process prints.
type childReport struct {
	Err         string
	Unsupported bool
	Start, End  uintptr
	// Alloc is the address of the touched allocation; AllocHuge whether a
	// mapping it overlaps is marked for huge pages (VmFlags hg);
	// AllocAnonHuge how much of the mappings it overlaps is backed by huge
	// pages, in bytes.
	Alloc         uintptr
	AllocHuge     bool
	AllocAnonHuge uint64
	// RangeHuge is whether every mapping that overlaps [Start, End) is
	// marked for huge pages.
	RangeHuge bool
	// Again is what a second Reserve returned when that differs from the
	// first; AgainAllocated how many bytes it allocated.
	Again          string
	AgainAllocated uint64
}

func TestHelperProcess(t *testing.T) {
	size := os.Getenv(helperEnv)
	if size == "" {
		return
	}
	n, err := strconv.ParseUint(size, 10, 64)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var rep childReport
	r, err := Reserve(n)
	if err != nil {
		rep.Err, rep.Unsupported = err.Error(), errors.Is(err, ErrUnsupported)
	}
	rep.Start, rep.End = r.Start, r.End
	allocs := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(allocs)
	before := allocs[0].Value.Uint64()
	r2, err2 := Reserve(n)
	metrics.Read(allocs)
	if r2 != r || (err2 == nil) != (err == nil) {
		rep.Again = fmt.Sprintf("[%#x, %#x), %v", r2.Start, r2.End, err2)
	}
	rep.AgainAllocated = allocs[0].Value.Uint64() - before
	b := make([]byte, touched)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	rep.Alloc = uintptr(unsafe.Pointer(&b[0]))
	maps, err := readSmaps()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	rep.RangeHuge = r.Len() > 0
	for _, m := range maps {
		if m.start < rep.Alloc+touched && rep.Alloc < m.end {
			rep.AllocHuge = rep.AllocHuge || m.huge
			rep.AllocAnonHuge += m.anonHuge
		}
		if m.start < r.End && r.Start < m.end && !m.huge {
			rep.RangeHuge = false
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(rep); err != nil {
		os.Exit(2)
	}
	os.Exit(0)
}

// mapping is one entry of /proc/self/smaps.
type mapping struct {
	start, end uintptr
	huge       bool   // VmFlags has hg (MADV_HUGEPAGE)
	anonHuge   uint64 // AnonHugePages, bytes
}

func readSmaps() ([]mapping, error) {
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return nil, err
	}
	var out []mapping
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if lo, hi, ok := strings.Cut(f[0], "-"); ok && !strings.HasSuffix(f[0], ":") {
			s, err1 := strconv.ParseUint(lo, 16, 64)
			e, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("smaps: bad range %q", f[0])
			}
			out = append(out, mapping{start: uintptr(s), end: uintptr(e)})
			continue
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("smaps: %q before any mapping", sc.Text())
		}
		m := &out[len(out)-1]
		switch f[0] {
		case "VmFlags:":
			for _, fl := range f[1:] {
				if fl == "hg" {
					m.huge = true
				}
			}
		case "AnonHugePages:":
			kb, err := strconv.ParseUint(f[1], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("smaps: %q: %w", sc.Text(), err)
			}
			m.anonHuge = kb << 10
		}
	}
	return out, sc.Err()
}

// runChild runs TestHelperProcess in a new process with Reserve(size) and
// the extra environment env.
func runChild(t *testing.T, size uint64, env ...string) childReport {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+strconv.FormatUint(size, 10), "GODEBUG=")
	cmd.Env = append(cmd.Env, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, stderr.Bytes())
	}
	var rep childReport
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("child output %q: %v", out, err)
	}
	return rep
}

// systemMode is the transparent huge page setting of this machine, and
// whether Reserve can act on it.
func systemMode(t *testing.T) (string, bool) {
	t.Helper()
	b, err := os.ReadFile(enabledFile)
	if err != nil {
		return "", false
	}
	oc, err := os.ReadFile(overcommitFile)
	if err != nil {
		t.Fatal(err)
	}
	m := mode(string(b))
	return m, m == "madvise" && strings.TrimSpace(string(oc)) != "2"
}

func TestReserve(t *testing.T) {
	const size = 256 << 20
	mode, acts := systemMode(t)
	rep := runChild(t, size)
	if !acts {
		// The machine leaves Reserve nothing to do: it must say so and
		// mark nothing.
		if !rep.Unsupported || rep.End != 0 {
			t.Fatalf("THP %q: Reserve = [%#x, %#x), %q; want ErrUnsupported", mode, rep.Start, rep.End, rep.Err)
		}
		return
	}
	if rep.Err != "" {
		t.Fatalf("Reserve: %s", rep.Err)
	}
	// A second reservation would take its block from the free heap the
	// first left, which the runtime clears: it must not happen.
	if rep.Again != "" || rep.AgainAllocated > 1<<20 {
		t.Errorf("second Reserve = %q after allocating %d bytes, want the first's [%#x, %#x) and nothing allocated", rep.Again, rep.AgainAllocated, rep.Start, rep.End)
	}
	if got := rep.End - rep.Start; got < size-4<<20 || got > size {
		t.Errorf("marked %d bytes, want about %d", got, size)
	}
	if !rep.RangeHuge {
		t.Errorf("a mapping in [%#x, %#x) is not marked MADV_HUGEPAGE in smaps", rep.Start, rep.End)
	}
	// The runtime hands out the reserved pages before it grows the heap
	// (the allocation may begin in the unaligned head of the reservation),
	// and the first touch brings in whole huge pages.
	if rep.Alloc+2<<20 < rep.Start || rep.Alloc+touched > rep.End {
		t.Errorf("allocation after Reserve at %#x, outside [%#x, %#x)", rep.Alloc, rep.Start, rep.End)
	}
	if !rep.AllocHuge || rep.AllocAnonHuge < touched-4<<20 {
		t.Errorf("allocation after Reserve: hg %t, AnonHugePages %d; want hg and at least %d", rep.AllocHuge, rep.AllocAnonHuge, touched-4<<20)
	}
}

// TestReserveOptOut checks that the ways to keep Reserve out change nothing:
// the heap keeps the system's pages.
func TestReserveOptOut(t *testing.T) {
	mode, _ := systemMode(t)
	for _, tt := range []struct {
		name        string
		size        uint64
		env         []string
		unsupported bool
	}{
		{"below MinSize", MinSize - 1, nil, false},
		{"GODEBUG=disablethp=1", 256 << 20, []string{"GODEBUG=disablethp=1"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := runChild(t, tt.size, tt.env...)
			if rep.Unsupported != tt.unsupported || (rep.Err != "" && !rep.Unsupported) {
				t.Errorf("Reserve error %q, want ErrUnsupported %t", rep.Err, tt.unsupported)
			}
			if rep.End != 0 {
				t.Errorf("Reserve marked [%#x, %#x), want nothing", rep.Start, rep.End)
			}
			if rep.AllocHuge {
				t.Errorf("the heap is marked MADV_HUGEPAGE")
			}
			if mode != "always" && rep.AllocAnonHuge != 0 {
				t.Errorf("THP %q: the heap has %d bytes of huge pages, want none", mode, rep.AllocAnonHuge)
			}
		})
	}
}
