//go:build unix

// Package cputime reads the CPU time the process has used, for benchmarks
// that report CPU per operation next to wall time: on a shared machine CPU
// time varies less than wall time.
package cputime

import (
	"syscall"
	"time"
)

// Process returns the user and system CPU time the process has used so far,
// or false where it cannot be read.
func Process() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
