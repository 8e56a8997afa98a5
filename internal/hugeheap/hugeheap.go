// Package hugeheap backs the Go heap of a batch command with transparent huge
// pages (2 MiB) where the system leaves that choice to the program.
//
// Most Linux distributions set transparent huge pages to "madvise": only
// memory a program marks with madvise(MADV_HUGEPAGE) gets 2 MiB pages, and Go's
// runtime does not mark its heap (it stopped in Go 1.21.1). A heap that grows
// to a gigabyte then takes a quarter of a million page faults, one per 4 KiB,
// and its accesses miss the TLB far more often; under a hypervisor both cost
// more, since every guest page walk is walked again by the host. Reserve
// gives the program the 2 MiB pages that the setting "always" would, for the
// heap only and for this process only.
//
// Reserve does not touch memory: it grows the heap by one allocation of the
// size asked, marks the 2 MiB-aligned part of it MADV_HUGEPAGE, drops it and
// collects it while the live heap is still small (the collection costs about
// a millisecond then). The runtime keeps the pages as free heap and hands them
// out before it grows the heap again, and each first touch there brings in a
// whole 2 MiB page. What the program never uses costs neither memory nor time;
// the runtime's scavenger may later return unused parts to the system, which
// leaves the marking in place.
package hugeheap

import (
	"errors"
	"strings"
)

// MinSize is the smallest reservation worth a garbage collection: Reserve
// does nothing for less.
const MinSize = 64 << 20

// raceMaxSize caps a reservation in a binary built with -race (raceDetector).
const raceMaxSize = 256 << 20

// ErrUnsupported is returned when the system cannot or need not back the
// heap with huge pages on request: not Linux, a kernel without transparent
// huge pages, the setting "never" (nothing may have them) or "always" (the
// heap has them already).
var ErrUnsupported = errors.New("hugeheap: transparent huge pages on request are not available")

// Range is a span of addresses [Start, End) that Reserve marked.
type Range struct {
	Start, End uintptr
}

// Len is the size of r in bytes.
func (r Range) Len() uintptr { return r.End - r.Start }

// mode reads the active setting from the contents of
// /sys/kernel/mm/transparent_hugepage/enabled ("always [madvise] never"):
// the word in brackets, or "" when there is none.
func mode(enabled string) string {
	for f := range strings.FieldsSeq(enabled) {
		if len(f) > 2 && f[0] == '[' && f[len(f)-1] == ']' {
			return f[1 : len(f)-1]
		}
	}
	return ""
}

// disabledByGODEBUG reports whether a GODEBUG value asks the runtime not to
// use huge pages for its heap (disablethp=1): Reserve respects it.
func disabledByGODEBUG(godebug string) bool {
	disabled := false
	for kv := range strings.SplitSeq(godebug, ",") {
		if k, v, ok := strings.Cut(strings.TrimSpace(kv), "="); ok && k == "disablethp" {
			disabled = v == "1" // the last setting wins, as in the runtime
		}
	}
	return disabled
}
