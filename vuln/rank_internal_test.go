package vuln

import (
	"cmp"
	"math"
	"testing"
)

func TestOrderedBits(t *testing.T) {
	fs := []float64{math.NaN(), math.Inf(-1), -1e300, -1, -1e-300, math.Copysign(0, -1), 0, 1e-300, 0.5, 1, 1e300, math.Inf(1)}
	for _, a := range fs {
		for _, b := range fs {
			if want, got := cmp.Compare(a, b), cmp.Compare(orderedBits(a), orderedBits(b)); want != got {
				t.Errorf("%v vs %v: cmp.Compare gives %d, orderedBits %d", a, b, want, got)
			}
		}
	}
}
