package policy

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/attest-dev/attest"
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

// resourceDoc is the document a rule sees as input.resource, as a Go map:
// what converter.resource gives the value of without building the map.
func resourceDoc(r *attest.Resource) map[string]any {
	attrs := r.Attributes
	if attrs == nil {
		attrs = map[string]any{}
	}
	doc := map[string]any{
		"type":       r.Type,
		"address":    r.Address,
		"root":       r.Root,
		"format":     r.Format,
		"attributes": attrs,
		"range": map[string]any{
			"file":       r.Range.File,
			"start_line": r.Range.StartLine,
			"end_line":   r.Range.EndLine,
		},
	}
	for k, v := range map[string]string{"mode": r.Mode, "provider": r.Provider, "module": r.Module, "conditional": r.Conditional} {
		if v != "" {
			doc[k] = v
		}
	}
	if len(r.Unknown) > 0 {
		u := make([]any, len(r.Unknown))
		parents := map[string]any{}
		for i, s := range r.Unknown {
			u[i] = s
			for j := range len(s) {
				if s[j] == '.' {
					parents[s[:j]] = true
				}
			}
		}
		doc["unknown"] = u
		doc["unknown_parents"] = parents
	}
	if len(r.Refs) > 0 {
		refs := make(map[string]any, len(r.Refs))
		for k, v := range r.Refs {
			l := make([]any, len(v))
			for i, s := range v {
				l[i] = s
			}
			refs[k] = l
		}
		doc["refs"] = refs
	}
	return doc
}

// randomResource is a resource with every field of the document set or
// not: unknown paths that share parents, repeat or start with a dot, refs
// with empty lists, attributes of randomDoc.
func randomResource(rng *rand.Rand) attest.Resource {
	pick := func(opts ...string) string { return opts[rng.IntN(len(opts))] }
	r := attest.Resource{
		Type:        pick("aws_s3_bucket", "AWS::S3::Bucket", "dockerfile", ""),
		Address:     pick("a.b", "Bucket", "x[0]", strings.Repeat("long", 20)),
		Root:        pick("main", "dir/template.yaml", ""),
		Format:      pick("terraform", "cloudformation"),
		Mode:        pick("", "managed", "data"),
		Provider:    pick("", "aws"),
		Module:      pick("", "module.m"),
		Conditional: pick("", "module.m"),
		Range:       attest.Range{File: pick("main.tf", "t.yaml"), StartLine: rng.IntN(3000) - 1, EndLine: rng.IntN(100000)},
	}
	if rng.IntN(3) > 0 {
		if m, ok := randomDoc(rng, 0).(map[string]any); ok {
			r.Attributes = m
		} else {
			r.Attributes = map[string]any{}
		}
	}
	for range rng.IntN(4) {
		r.Unknown = append(r.Unknown, pick("a", "a.b", "a.b.0.c", ".x", "a..b", "*", "tags.Name"))
	}
	if rng.IntN(2) == 0 {
		r.Refs = map[string][]string{}
		for range rng.IntN(3) {
			r.Refs[pick("bucket", "a.b", "")] = []string{pick("aws_s3_bucket.x", "Bucket"), pick("y", "Bucket")}[:rng.IntN(3)]
		}
	}
	return r
}

// The value of a resource is what ast.InterfaceToValue gives of its
// document, hash and all, with one converter for many resources.
func TestConverter_resourceMatchesInterfaceToValue(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	c := newConverter()
	for i := range 3000 {
		r := randomResource(rng)
		want, err := ast.InterfaceToValue(resourceDoc(&r))
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.resource(&r)
		if err != nil {
			t.Fatalf("resource %d: %v", i, err)
		}
		if got.Compare(want) != 0 || got.String() != want.String() || got.Hash() != want.Hash() {
			t.Fatalf("resource %d %#v: got %v, want %v", i, r, got, want)
		}
	}
}

// convertResources, on every core, gives each resource the value one
// converter gives it alone, and the error of the first resource that cannot
// be converted.
func TestConvertResources_matchSerial(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	resources := make([]attest.Resource, 2000)
	for i := range resources {
		resources[i] = randomResource(rng)
	}
	values, terms, err := convertResources(resources)
	if err != nil {
		t.Fatal(err)
	}
	c := newConverter()
	for i := range resources {
		want, err := c.resource(&resources[i])
		if err != nil {
			t.Fatal(err)
		}
		if values[i].Compare(want) != 0 || values[i].Hash() != want.Hash() || terms[i].Value != values[i] {
			t.Fatalf("resource %d: got %v, want %v", i, values[i], want)
		}
	}
	resources[1500].Address, resources[1500].Attributes = "first.bad", map[string]any{"f": func() {}}
	resources[1701].Address, resources[1701].Attributes = "second.bad", map[string]any{"f": func() {}}
	if _, _, err := convertResources(resources); err == nil || !strings.Contains(err.Error(), "first.bad") {
		t.Errorf("got error %v, want the one of resource 1500", err)
	}
}

// The indexes built at the same time are the ones built one after another.
func TestBuildIndexes_matchSerial(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	resources := make([]attest.Resource, 1000)
	for i := range resources {
		resources[i] = randomResource(rng)
		resources[i].Root = []string{"a", "b"}[i%2]
		resources[i].Address = fmt.Sprintf("r%d", i%300)
		if i%7 == 0 {
			resources[i].Format = attest.FormatKubernetes
			resources[i].Attributes = map[string]any{"metadata": map[string]any{"namespace": []string{"a", "b"}[i%3%2]}}
		}
		if i%5 == 0 {
			resources[i].Refs = map[string][]string{"bucket": {fmt.Sprintf("r%d", (i+1)%300)}}
		}
		if i%11 == 0 {
			resources[i].Attributes = map[string]any{"bucket": fmt.Sprintf("r%d", i%13), "name": "x"}
		}
	}
	_, terms, err := convertResources(resources)
	if err != nil {
		t.Fatal(err)
	}
	var views *scanViews
	var got ast.Object
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // beside another reader of the same terms, for -race
		defer wg.Done()
		for _, t := range terms {
			_ = t.Hash()
		}
	}()
	views, got = buildIndexes(resources, terms)
	wg.Wait()
	index := typeIndex(resources, terms).object()
	referrers := referrerIndex(resources, terms, false).object()
	conditional := referrerIndex(resources, terms, true).object()
	unresolved := unresolvedIndex(resources, terms).object()
	want := ast.NewObject(ast.Item(ast.StringTerm("scan"), ast.ObjectTerm(
		ast.Item(ast.StringTerm("index"), index),
		ast.Item(ast.StringTerm("types"), allRootsIndex(resources, terms).object()),
		ast.Item(ast.StringTerm("referrers"), referrers),
		ast.Item(ast.StringTerm("conditional_referrers"), conditional),
		ast.Item(ast.StringTerm("unresolved"), unresolved),
		ast.Item(ast.StringTerm("namespaces"), namespaceIndex(resources, terms).object()),
	)))
	if got.Compare(want) != 0 || got.Hash() != want.Hash() {
		t.Fatalf("indexes differ:\n got %v\nwant %v", got, want)
	}
	for name, v := range map[string]*ast.Term{"referrers": referrers, "conditional_referrers": conditional, "unresolved": unresolved} {
		if v.Value.(ast.Object).Len() == 0 {
			t.Errorf("the resources give no %s: the test tests nothing there", name)
		}
	}
	for name, pair := range map[string][2]*ast.Term{"index": {views.index, index}, "referrers": {views.referrers, referrers},
		"conditional_referrers": {views.conditionalReferrers, conditional}, "unresolved": {views.unresolved, unresolved}} {
		if pair[0].Value.Compare(pair[1].Value) != 0 {
			t.Errorf("view %s differs from its index", name)
		}
	}
}
