//go:build linux

package hugeheap

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

// The kernel's settings that Reserve reads.
const (
	enabledFile    = "/sys/kernel/mm/transparent_hugepage/enabled"
	pmdSizeFile    = "/sys/kernel/mm/transparent_hugepage/hpage_pmd_size"
	overcommitFile = "/proc/sys/vm/overcommit_memory"
)

// reserved is what the first Reserve of the process did: a second one
// would take its block from the free heap the first left, which the runtime
// must clear, touching every page of it.
var reserved struct {
	sync.Mutex
	done bool
	r    Range
	err  error
}

// Reserve marks size bytes of free heap for huge pages (see the package
// comment) and returns the range it marked, or the zero Range when size is
// below MinSize. Only the first call of a process with size at least
// MinSize acts; later calls return what it returned. It fails with
// ErrUnsupported, having done nothing, when transparent huge pages are not
// set to "madvise", when GODEBUG has disablethp=1, or when the kernel
// refuses overcommitted memory (vm.overcommit_memory=2: the runtime would
// have to commit the whole allocation); with the error of madvise when that
// fails. Call it early, while the live heap is small. In a binary built
// with -race it reserves at most raceMaxSize.
func Reserve(size uint64) (Range, error) {
	if size < MinSize {
		return Range{}, nil
	}
	reserved.Lock()
	defer reserved.Unlock()
	if !reserved.done {
		reserved.r, reserved.err = reserve(size)
		reserved.done = true
	}
	return reserved.r, reserved.err
}

func reserve(size uint64) (Range, error) {
	if disabledByGODEBUG(os.Getenv("GODEBUG")) {
		return Range{}, ErrUnsupported
	}
	b, err := os.ReadFile(enabledFile)
	if err != nil || mode(string(b)) != "madvise" {
		return Range{}, ErrUnsupported
	}
	if b, err := os.ReadFile(overcommitFile); err != nil || strings.TrimSpace(string(b)) == "2" {
		return Range{}, ErrUnsupported
	}
	b, err = os.ReadFile(pmdSizeFile)
	if err != nil {
		return Range{}, ErrUnsupported
	}
	huge, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil || huge == 0 || huge&(huge-1) != 0 || huge > size/4 {
		return Range{}, ErrUnsupported
	}
	size = min(size, uint64(^uintptr(0)>>2))
	if raceDetector {
		size = min(size, raceMaxSize)
	}
	r, err := mark(uintptr(size), uintptr(huge))
	// The allocation is garbage now: collect it while there is little else
	// to mark, so that it neither counts against the next collection's goal
	// nor waits for it to be reused.
	runtime.GC()
	return r, err
}

// mark allocates size bytes, which the runtime takes from memory it has not
// used yet, and advises the kernel to back their huge-aligned part with huge
// pages. It does not write to them.
//
//go:noinline
func mark(size, huge uintptr) (Range, error) {
	b := make([]byte, size)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	r := Range{Start: (p + huge - 1) &^ (huge - 1), End: (p + size) &^ (huge - 1)}
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, r.Start, r.Len(), syscall.MADV_HUGEPAGE)
	runtime.KeepAlive(b)
	if errno != 0 {
		return Range{}, fmt.Errorf("hugeheap: madvise: %w", errno)
	}
	return r, nil
}
