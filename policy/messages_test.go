package policy

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
)

// messages reads the objects rules give most (a string "msg" with line
// numbers) straight from the OPA value; every element reads as from its
// JSON form (jsonMessage), which is how every element was read before.
func TestMessages_SameAsJSON(t *testing.T) {
	for _, src := range []string{
		`"plain text"`,
		`{"msg": "a", "line": 3, "end_line": 5}`,
		`{"msg": "a", "line": 3}`,
		`{"msg": "a"}`,
		`{"msg": "a", "line": 3.5, "end_line": 1e3}`,
		`{"msg": "a", "line": "3", "end_line": true}`,
		`{"msg": "a", "line": -1, "end_line": 0}`,
		`{"msg": "a", "line": 99999999999, "end_line": null}`,
		`{"msg": "a", "line": {"n": 3}, "end_line": [4]}`,
		`{"msg": "a", 1: 2, ["k"]: {"x"}}`,
		`{"msg": "", "line": 7}`,
		`{"msg": 5, "line": 3}`,
		`{"msg": ["a"], "line": 3}`,
		`{"line": 4, "text": "no msg"}`,
		`{}`,
		`[1, "two", {"msg": "three"}]`,
		`{"a", "b"}`,
		`12`,
		`true`,
		`null`,
	} {
		t.Run(src, func(t *testing.T) {
			x := ast.MustParseTerm(src)
			got := messages(ast.SetTerm(x))
			want := []message{jsonMessage(x)}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(message{})); diff != "" {
				t.Errorf("messages (-json form +got):\n%s", diff)
			}
		})
	}
}

// Equal messages count once, and messages are sorted by text, then lines.
func TestMessages_SortedAndUnique(t *testing.T) {
	set := ast.MustParseTerm(`{"b", {"msg": "b", "line": 2}, {"msg": "a", "line": 9}, {"msg": "b", "line": 2, "other": 1}, "a"}`)
	got := messages(set)
	want := []message{{text: "a"}, {text: "a", line: 9}, {text: "b"}, {text: "b", line: 2}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(message{})); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
}
