package policy

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// randomDoc is a document of the shapes loaders give: nested objects and
// lists, strings short and long (some repeated), numbers of every Go type
// the loaders use, booleans, null, and a few types that only
// ast.InterfaceToValue's fallbacks read.
func randomDoc(rng *rand.Rand, depth int) any {
	n := rng.IntN(16)
	if depth > 4 {
		n = rng.IntN(10)
	}
	switch n {
	case 0:
		return nil
	case 1:
		return rng.IntN(2) == 0
	case 2:
		return rng.IntN(2000) - 1000
	case 3:
		return int64(rng.Int64())
	case 4:
		return []float64{0, 1, -3, 2.5, 1e21, 1e-7, 443, 65535}[rng.IntN(8)]
	case 5:
		return json.Number([]string{"7", "0365", "1.50", "-2", "1e3"}[rng.IntN(5)])
	case 6, 7:
		return []string{"", "tcp", "Enabled", "true", "a.b", "AWS::S3::Bucket"}[rng.IntN(6)]
	case 8:
		return strings.Repeat("x", maxShared+rng.IntN(3)-1)
	case 9:
		return map[string]string{"k": "v", "tcp": "udp"}
	case 10, 11, 12:
		l := make([]any, rng.IntN(4))
		for i := range l {
			l[i] = randomDoc(rng, depth+1)
		}
		return l
	default:
		m := map[string]any{}
		for range rng.IntN(5) {
			m[[]string{"type", "name", "Properties", "line", "x", "", "tcp"}[rng.IntN(7)]+fmt.Sprint(rng.IntN(3))] = randomDoc(rng, depth+1)
		}
		return m
	}
}

// The converter gives what ast.InterfaceToValue gives, on random documents
// converted one after another by one converter (so that later ones reuse
// the strings of earlier ones).
func TestConverter_matchInterfaceToValue(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	c := newConverter()
	for i := range 3000 {
		doc := randomDoc(rng, 0)
		want, err := ast.InterfaceToValue(doc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.value(doc)
		if err != nil {
			t.Fatalf("doc %d: %v", i, err)
		}
		if got.Compare(want) != 0 || got.String() != want.String() || got.Hash() != want.Hash() {
			t.Fatalf("doc %d %#v: got %v, want %v", i, doc, got, want)
		}
	}
	if len(c.strings) == 0 {
		t.Error("no string was shared")
	}
}

// A value that ast.InterfaceToValue cannot convert is an error from the
// converter too.
func TestConverter_error(t *testing.T) {
	doc := map[string]any{"a": []any{map[string]any{"f": func() {}}}}
	if _, err := ast.InterfaceToValue(doc); err == nil {
		t.Fatal("InterfaceToValue converted a function")
	}
	if _, err := newConverter().value(doc); err == nil {
		t.Error("the converter converted a function")
	}
}
