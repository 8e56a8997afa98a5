package main

import (
	"bufio"
	"bytes"
	"io/fs"
	"path"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/attest-dev/attest/internal/hugeheap"
)

// scanGCPercent is the garbage collector's target (GOGC) during a scan.
// Evaluating the rules allocates a great deal of short-lived memory (OPA's
// interpreter), so with Go's default of 100 the collector takes about a fifth
// of a scan's CPU time; at 400 it runs a quarter as often, for a heap up to
// five times the live data instead of twice.
const scanGCPercent = 400

// scanGC sets the garbage collector up for a scan and returns what restores
// the previous settings. The user's own GOGC is left alone. Otherwise the
// target is scanGCPercent, bounded by a soft memory limit so that the larger
// heap never grows past what the machine can give: the user's GOMEMLIMIT when
// set, else half the memory this process may still use (availableMemory).
// When neither GOMEMLIMIT nor the memory is known, Go's defaults stay.
//
// The limit only makes the collector run sooner, never later: a scan whose
// live data nears a quarter of the available memory gets about the pacing of
// GOGC=100 back, and one too large for GOGC=100 is collected more often
// instead of running out of memory.
func scanGC(environ []string, fsys fs.FS) (restore func()) {
	if envValue(environ, "GOGC") != "" {
		return func() {}
	}
	limit := int64(-1) // -1 reads the limit without changing it
	if envValue(environ, "GOMEMLIMIT") == "" {
		avail, ok := availableMemory(fsys)
		if !ok {
			return func() {}
		}
		limit = int64(min(avail/2, 1<<62))
	}
	prevLimit := debug.SetMemoryLimit(limit)
	prevPercent := debug.SetGCPercent(scanGCPercent)
	return func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	}
}

// availableMemory is how many bytes this process may still use: the
// kernel's estimate of the memory available without swapping (MemAvailable
// in /proc/meminfo), or what the process's memory cgroup (v2 or v1) leaves
// under its limit when that is less. fsys is the root of the file system
// (os.DirFS("/") outside tests); false when /proc/meminfo cannot be read, as
// on systems other than Linux.
func availableMemory(fsys fs.FS) (uint64, bool) {
	avail, ok := memAvailable(fsys)
	if !ok {
		return 0, false
	}
	if left, ok := cgroupLeft(fsys); ok {
		avail = min(avail, left)
	}
	return avail, true
}

// memAvailable reads MemAvailable from /proc/meminfo.
func memAvailable(fsys fs.FS) (uint64, bool) {
	b, err := fs.ReadFile(fsys, "proc/meminfo")
	if err != nil {
		return 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "MemAvailable:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0, false
		}
		kb, err := strconv.ParseUint(f[0], 10, 64)
		if err != nil || kb > 1<<52 {
			return 0, false
		}
		return kb << 10, true
	}
	return 0, false
}

// cgroupLeft is the limit of the process's memory cgroup minus its usage,
// from /proc/self/cgroup and the cgroup file system mounted at
// /sys/fs/cgroup (v2: memory.max and memory.current; v1, under memory/:
// memory.limit_in_bytes and memory.usage_in_bytes). A cgroup path not
// visible in this mount namespace falls back to the root of the mount,
// which is then the container's own cgroup. False when there is no limit.
func cgroupLeft(fsys fs.FS) (uint64, bool) {
	b, err := fs.ReadFile(fsys, "proc/self/cgroup")
	if err != nil {
		return 0, false
	}
	for line := range strings.SplitSeq(strings.TrimSpace(string(b)), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		var dir, limitFile, usageFile string
		switch {
		case parts[0] == "0" && parts[1] == "":
			dir, limitFile, usageFile = "sys/fs/cgroup", "memory.max", "memory.current"
		case slices.Contains(strings.Split(parts[1], ","), "memory"):
			dir, limitFile, usageFile = "sys/fs/cgroup/memory", "memory.limit_in_bytes", "memory.usage_in_bytes"
		default:
			continue
		}
		for _, d := range []string{path.Join(dir, strings.TrimPrefix(parts[2], "/")), dir} {
			limit, ok := readBytes(fsys, path.Join(d, limitFile))
			if !ok {
				continue
			}
			usage, _ := readBytes(fsys, path.Join(d, usageFile))
			return limit - min(usage, limit), true
		}
	}
	return 0, false
}

// readBytes reads a cgroup memory figure; "max" and the huge values that
// cgroup v1 uses for no limit read as absent.
func readBytes(fsys fs.FS, name string) (uint64, bool) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil || n >= 1<<62 {
		return 0, false
	}
	return n, true
}

// hugePagesEnv names the environment variable that, set to 0, keeps batch
// commands from asking for huge pages (hugeHeap).
const hugePagesEnv = "ATTEST_HUGEPAGES"

// maxHeapReserve caps what hugeHeap reserves. A reservation costs no memory
// until the heap uses it, but growing the heap's address space by it costs
// the runtime about 10 ms per GiB of bookkeeping.
const maxHeapReserve = 2 << 30

// hugeHeap asks the kernel to back the heap of a batch command (scan, vulns
// merge) with transparent huge pages where the system's setting leaves that
// to the program (package hugeheap): fewer page faults as the heap grows and
// fewer TLB misses in the collector and the rule evaluation. Call it after
// scanGC, which sets the memory limit it reads, while the live heap is still
// small. It does nothing when reserveSize says 0 or the system cannot.
func hugeHeap(environ []string, fsys fs.FS) {
	avail, ok := availableMemory(fsys)
	if !ok {
		return
	}
	// An error leaves the heap as it was, with the system's pages.
	_, _ = hugeheap.Reserve(reserveSize(environ, avail, debug.SetMemoryLimit(-1)))
}

// reserveSize is how much heap hugeHeap reserves: an eighth of the memory
// the process may still use (avail), at most a quarter of the soft memory
// limit (free heap counts against the limit until the runtime returns it to
// the system) and maxHeapReserve; 0 when $ATTEST_HUGEPAGES is 0.
func reserveSize(environ []string, avail uint64, limit int64) uint64 {
	if v := envValue(environ, hugePagesEnv); v == "0" || strings.EqualFold(v, "off") || strings.EqualFold(v, "false") {
		return 0
	}
	return min(avail/8, uint64(max(limit, 0))/4, maxHeapReserve)
}
