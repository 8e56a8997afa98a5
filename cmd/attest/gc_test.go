package main

import (
	"math"
	"runtime/debug"
	"testing"
	"testing/fstest"
)

const meminfo8G = "MemTotal:       16777216 kB\nMemFree:         1048576 kB\nMemAvailable:    8388608 kB\n"

func TestAvailableMemory(t *testing.T) {
	const gib = 1 << 30
	tests := []struct {
		name  string
		files map[string]string
		want  uint64
		ok    bool
	}{
		{"no meminfo", map[string]string{}, 0, false},
		{"meminfo only", map[string]string{"proc/meminfo": meminfo8G}, 8 * gib, true},
		{"meminfo without MemAvailable", map[string]string{"proc/meminfo": "MemTotal: 1024 kB\n"}, 0, false},
		{"cgroup v2 limit below", map[string]string{
			"proc/meminfo":                        meminfo8G,
			"proc/self/cgroup":                    "0::/ci/job\n",
			"sys/fs/cgroup/ci/job/memory.max":     "3221225472\n",
			"sys/fs/cgroup/ci/job/memory.current": "1073741824\n",
			"sys/fs/cgroup/memory.max":            "max\n",
		}, 2 * gib, true},
		{"cgroup v2 without a limit", map[string]string{
			"proc/meminfo":             meminfo8G,
			"proc/self/cgroup":         "0::/\n",
			"sys/fs/cgroup/memory.max": "max\n",
		}, 8 * gib, true},
		{"cgroup v2 limit above", map[string]string{
			"proc/meminfo":             meminfo8G,
			"proc/self/cgroup":         "0::/\n",
			"sys/fs/cgroup/memory.max": "68719476736\n",
		}, 8 * gib, true},
		{"cgroup v1 path outside the namespace", map[string]string{
			"proc/meminfo":     meminfo8G,
			"proc/self/cgroup": "5:cpu,cpuacct:/\n4:memory:/outside/abc\n",
			"sys/fs/cgroup/memory/memory.limit_in_bytes": "1073741824\n",
			"sys/fs/cgroup/memory/memory.usage_in_bytes": "536870912\n",
		}, gib / 2, true},
		{"cgroup v1 without a limit", map[string]string{
			"proc/meminfo":     meminfo8G,
			"proc/self/cgroup": "4:memory:/\n",
			"sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n",
		}, 8 * gib, true},
		{"usage over the limit", map[string]string{
			"proc/meminfo":             meminfo8G,
			"proc/self/cgroup":         "0::/\n",
			"sys/fs/cgroup/memory.max": "1000\n", "sys/fs/cgroup/memory.current": "2000\n",
		}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			got, ok := availableMemory(fsys)
			if got != tt.want || ok != tt.ok {
				t.Errorf("availableMemory = %d, %t; want %d, %t", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// gcSettings reads the collector's percent and memory limit without
// changing them.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func TestScanGC(t *testing.T) {
	withMemory := fstest.MapFS{"proc/meminfo": {Data: []byte(meminfo8G)}}
	tests := []struct {
		name        string
		environ     []string
		fsys        fstest.MapFS
		percent     int
		limit       int64 // -1: unchanged
		wantChanged bool
	}{
		{"defaults", nil, withMemory, scanGCPercent, 4 << 30, true},
		{"user GOGC", []string{"GOGC=150"}, withMemory, 0, -1, false},
		{"user GOGC off", []string{"GOGC=off"}, withMemory, 0, -1, false},
		{"user GOMEMLIMIT", []string{"GOMEMLIMIT=1GiB"}, withMemory, scanGCPercent, -1, true},
		{"user GOMEMLIMIT, memory unknown", []string{"GOMEMLIMIT=1GiB"}, fstest.MapFS{}, scanGCPercent, -1, true},
		{"memory unknown", nil, fstest.MapFS{}, 0, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			beforePercent, beforeLimit := gcSettings()
			restore := scanGC(tt.environ, tt.fsys)
			percent, limit := gcSettings()
			restore()
			if p, l := gcSettings(); p != beforePercent || l != beforeLimit {
				t.Errorf("after restore: percent %d, limit %d; want %d, %d", p, l, beforePercent, beforeLimit)
			}
			if !tt.wantChanged {
				if percent != beforePercent || limit != beforeLimit {
					t.Errorf("percent %d, limit %d; want them unchanged (%d, %d)", percent, limit, beforePercent, beforeLimit)
				}
				return
			}
			if percent != tt.percent {
				t.Errorf("percent %d, want %d", percent, tt.percent)
			}
			wantLimit := tt.limit
			if wantLimit == -1 {
				wantLimit = beforeLimit
			}
			if limit != wantLimit {
				t.Errorf("limit %d, want %d", limit, wantLimit)
			}
		})
	}
}

func TestReserveSize(t *testing.T) {
	const gib = 1 << 30
	noLimit := int64(math.MaxInt64)
	tests := []struct {
		name    string
		environ []string
		avail   uint64
		limit   int64
		want    uint64
	}{
		{"an eighth of the available memory", nil, 8 * gib, noLimit, gib},
		{"at most maxHeapReserve", nil, 64 * gib, noLimit, maxHeapReserve},
		{"a quarter of the memory limit", nil, 8 * gib, gib / 2, gib / 8},
		{"the scan's limit of half the memory", nil, 8 * gib, 4 * gib, gib},
		{"ATTEST_HUGEPAGES=0", []string{"ATTEST_HUGEPAGES=0"}, 8 * gib, noLimit, 0},
		{"ATTEST_HUGEPAGES=off", []string{"ATTEST_HUGEPAGES=off"}, 8 * gib, noLimit, 0},
		{"ATTEST_HUGEPAGES=1", []string{"ATTEST_HUGEPAGES=1"}, 8 * gib, noLimit, gib},
		{"no memory", nil, 0, noLimit, 0},
		{"a negative limit", nil, 8 * gib, -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reserveSize(tt.environ, tt.avail, tt.limit); got != tt.want {
				t.Errorf("reserveSize = %d, want %d", got, tt.want)
			}
		})
	}
}
