package terraform

import (
	"context"
	"path/filepath"
	"testing"
)

// TestEmitCalls_Speculations checks which module calls of the
// testdata/parallel cases are loaded by a speculation, which are loaded
// again in order after their speculation failed, and which are loaded in
// order without one, so that TestLoadModule_ParallelSameAsSerial covers
// each: a call whose arguments read another call's outputs (directly or
// through locals) gets no speculation; one that reaches them through a
// variable of its caller fails; so does one that computed a value of its
// caller with a diagnostic that an earlier call gave first; module
// instances that exist before the calls are loaded are loaded in order.
func TestEmitCalls_Speculations(t *testing.T) {
	for _, tc := range []struct {
		root           string
		merged, redone int
	}{
		// logs reads module.net's output: it loads in order without
		// a speculation.
		{"siblings", 3, 0},
		{"through_local", 2, 0},
		// In wrap, a reads var.vpc, which the root's module.net gives.
		{"through_var", 2, 1},
		{"shared_dir", 4, 0},
		// b computes local.broken again, with its error, after a did.
		{"parent_errors", 2, 1},
		// expanded and counted evaluate local.keys, with its error,
		// after reader did.
		{"expansion_error", 1, 2},
		// logs exists before the calls are loaded: it is loaded in
		// order, without a speculation.
		{"referenced", 2, 0},
		{"nested", 3, 0},
		// y computes local.a, with the cycle, after x did.
		{"cycle", 1, 1},
		{"unknown_count", 3, 0},
	} {
		t.Run(tc.root, func(t *testing.T) {
			_, l, err := loadModule(context.Background(), filepath.Join("testdata", "parallel", tc.root), Options{Parallel: 2})
			if err != nil {
				t.Fatal(err)
			}
			if l.merged != tc.merged || l.redone != tc.redone {
				t.Errorf("merged %d, loaded again %d; want %d and %d", l.merged, l.redone, tc.merged, tc.redone)
			}
		})
	}
}
