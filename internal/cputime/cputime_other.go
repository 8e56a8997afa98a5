//go:build !unix

// Package cputime reads the CPU time the process has used, for benchmarks
// that report CPU per operation next to wall time: on a shared machine CPU
// time varies less than wall time.
package cputime

import "time"

// Process returns false: this system's CPU time is not read.
func Process() (time.Duration, bool) { return 0, false }
