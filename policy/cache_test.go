package policy

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// The reused cache answers every Get as OPA's own VirtualCache does, over
// random sequences of Put (values and undefined, references that are
// prefixes of others, references whose slice the caller reuses), Push, Pop
// and Keys; reset makes it empty as a new OPA cache is.
func TestVirtualCache_matchOPA(t *testing.T) {
	refs := []ast.Ref{
		ast.MustParseRef("data.a"),
		ast.MustParseRef("data.a.b"),
		ast.MustParseRef("data.a.b.c"),
		ast.MustParseRef("data.a.c"),
		ast.MustParseRef("data.f[1]"),
		ast.MustParseRef(`data.f["1"]`),
		ast.MustParseRef(`data.f[{"k": [1, 2]}]`),
		ast.MustParseRef("data.g.x.y.z"),
	}
	values := []*ast.Term{nil, ast.BooleanTerm(true), ast.StringTerm("v"), ast.MustParseTerm(`{"x": [1]}`)}
	rng := rand.New(rand.NewPCG(1, 2))
	ours := newVirtualCache(nil)
	for round := range 200 {
		theirs := topdown.NewVirtualCache()
		ours.reset()
		depth := 0
		for step := range 60 {
			switch n := rng.IntN(10); {
			case n < 5:
				ref := refs[rng.IntN(len(refs))]
				v := values[rng.IntN(len(values))]
				// The caller may reuse its slice after Put.
				buf := slices.Clone(ref)
				theirs.Put(buf, v)
				ours.Put(buf, v)
				buf[len(buf)-1] = ast.StringTerm("reused")
			case n < 7:
				theirs.Push()
				ours.Push()
				depth++
			case n < 8 && depth > 0:
				theirs.Pop()
				ours.Pop()
				depth--
			default:
				keys := func(c topdown.VirtualCache) []string {
					var out []string
					for _, k := range c.Keys() {
						out = append(out, k.String())
					}
					slices.Sort(out)
					return out
				}
				if got, want := keys(ours), keys(theirs); !slices.Equal(got, want) {
					t.Fatalf("round %d step %d: Keys = %v, want %v", round, step, got, want)
				}
			}
			for _, ref := range refs {
				gv, gu := ours.Get(ref)
				wv, wu := theirs.Get(ref)
				if gu != wu || (gv == nil) != (wv == nil) || (gv != nil && !gv.Equal(wv)) {
					t.Fatalf("round %d step %d: Get(%v) = %v, %v; want %v, %v", round, step, ref, gv, gu, wv, wu)
				}
			}
		}
	}
}
