package cloudformation

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// TestFlatten_matchesReference is a differential test of flatten, which
// works in place on the evaluated properties and builds a path only where
// one is recorded, against flattenReference, the first version (new maps
// and lists, every path built): on every template of the rule fixtures and
// of this package's test data, both give the same attributes, unknown
// paths and references.
func TestFlatten_matchesReference(t *testing.T) {
	var files []string
	for _, root := range []string{"testdata", filepath.Join("..", "..", "rules")} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			files = append(files, p)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	templates := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(string(src), "go test fuzz v1\n") {
			src = fuzzSeed(t, file, src)
		} else if !Detect(filepath.Base(file), src) {
			continue
		}
		templates++
		checkFlatten(t, file, src)
	}
	checkFlatten(t, "bench", benchTemplate(50))
	if templates < 100 {
		t.Errorf("only %d templates compared", templates)
	}
}

// FuzzFlatten runs the differential test of flatten on fuzzed templates.
func FuzzFlatten(f *testing.F) {
	f.Add(benchTemplate(2))
	files, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkFlatten(t, "fuzz.yaml", src)
	})
}

// fuzzSeed reads the one []byte value of a seed corpus file.
func fuzzSeed(t *testing.T, file string, src []byte) []byte {
	t.Helper()
	line := strings.TrimSpace(strings.TrimPrefix(string(src), "go test fuzz v1\n"))
	q, ok := strings.CutPrefix(line, "[]byte(")
	if !ok || !strings.HasSuffix(q, ")") {
		t.Fatalf("%s: not a []byte seed", file)
	}
	s, err := strconv.Unquote(strings.TrimSuffix(q, ")"))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return []byte(s)
}

// benchTemplate is a template of n buckets with policies, parameters,
// conditions and intrinsics of every kind flatten meets.
func benchTemplate(n int) []byte {
	var sb strings.Builder
	sb.WriteString("Parameters:\n  Env: {Type: String, Default: prod}\n  Zones: {Type: CommaDelimitedList, Default: 'a,b'}\n  Unset: {Type: String}\n" +
		"Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n  Maybe: !Equals [!Ref Unset, x]\nResources:\n")
	for i := range n {
		fmt.Fprintf(&sb, `  Bucket%[1]d:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "data-%[1]d-${Env}"
      VersioningConfiguration: {Status: !If [IsProd, Enabled, Suspended]}
      Tags: [{Key: a, Value: !Ref Unset}, !Ref AWS::NoValue, {Key: b, Value: !If [Maybe, x, !Ref AWS::NoValue]}]
      Zones: !Ref Zones
      Other: !If [Maybe, {A: 1, B: !GetAtt Bucket%[1]d.Arn}, {A: 1, C: 2}]
  Policy%[1]d:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket%[1]d
      PolicyDocument:
        Statement:
          - {Effect: Deny, Principal: "*", Action: "s3:*", Resource: [!GetAtt Bucket%[1]d.Arn, !Sub "${Bucket%[1]d.Arn}/*"], Condition: {Bool: {"aws:SecureTransport": !Ref Unset}}}
          - !If [Maybe, {Effect: Allow}, !Ref AWS::NoValue]
      KeyPolicy: !GetAtt Bucket%[1]d.Arn
`, i)
	}
	return []byte(sb.String())
}

// checkFlatten evaluates the properties of every resource of a template
// and flattens a copy with each version.
func checkFlatten(t *testing.T, name string, src []byte) {
	t.Helper()
	doc, _, ok := parse(name, src)
	if !ok || doc.Kind != yaml.MappingNode {
		return
	}
	l := &loader{file: name, budget: 50_000, params: map[string]*param{}, mappings: map[string]*yaml.Node{}, conds: map[string]*cond{}, res: map[string]*yaml.Node{}}
	l.sections(doc)
	for _, id := range l.order {
		for _, kv := range pairs(l.res[id]) {
			if kv[0].Value != "Properties" {
				continue
			}
			v, _ := unwrap(l.eval(deref(kv[1])))
			m, ok := v.(map[string]any)
			if !ok {
				continue
			}
			var wantUnknown []string
			wantRefs := map[string][]string{}
			want, _ := flattenReference(deepCopy(m).(map[string]any), "", &wantUnknown, wantRefs, false)
			got, gotUnknown, gotRefs := flatten(deepCopy(m).(map[string]any))
			slices.Sort(wantUnknown)
			slices.Sort(gotUnknown)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: %s: attributes (-reference +flatten):\n%s", name, id, diff)
			}
			if diff := cmp.Diff(slices.Compact(wantUnknown), slices.Compact(gotUnknown)); diff != "" {
				t.Errorf("%s: %s: unknown (-reference +flatten):\n%s", name, id, diff)
			}
			if diff := cmp.Diff(wantRefs, gotRefs, cmp.Comparer(func(a, b map[string][]string) bool { return maps.EqualFunc(a, b, slices.Equal) })); diff != "" {
				t.Errorf("%s: %s: refs (-reference +flatten):\n%s", name, id, diff)
			}
		}
	}
}

// deepCopy copies an evaluated value, markers included.
func deepCopy(v any) any {
	switch v := v.(type) {
	case refd:
		return refd{v: deepCopy(v.v), ids: slices.Clone(v.ids)}
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = deepCopy(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = deepCopy(x)
		}
		return out
	}
	return v
}

// flattenReference is flatten as first written: a new map or list for
// every one evaluated, and the path of every value built as a string.
func flattenReference(m map[string]any, prefix string, unknown *[]string, refs map[string][]string, inPolicy bool) (map[string]any, []string) {
	out := make(map[string]any, len(m))
	var all []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		var v any
		var keep bool
		var ids []string
		if !inPolicy && slices.Contains(policyKeys, k) {
			p := joinReference(prefix, k)
			if isUnknown(m[k]) {
				v, keep, ids = flattenValueReference(m[k], p, unknown, refs, false)
			} else {
				v, keep, ids = flattenValueReference(m[k], p, unknown, refs, true)
			}
		} else {
			v, keep, ids = flattenValueReference(m[k], joinReference(prefix, k), unknown, refs, inPolicy)
		}
		if keep {
			out[k] = v
		}
		all = mergeIDs(all, ids)
	}
	return out, all
}

func joinReference(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

func flattenValueReference(v any, p string, unknown *[]string, refs map[string][]string, inPolicy bool) (out any, keep bool, ids []string) {
	defer func() {
		if len(ids) > 0 {
			refs[p] = mergeIDs(refs[p], ids)
		}
	}()
	v, ids = unwrap(v)
	switch v := v.(type) {
	case unknownT:
		if inPolicy {
			return UnknownValue, true, ids
		}
		*unknown = append(*unknown, p)
		return nil, false, ids
	case noValueT:
		return nil, false, ids
	case map[string]any:
		m, sub := flattenReference(v, p, unknown, refs, inPolicy)
		return m, true, mergeIDs(ids, sub)
	case []any:
		list := make([]any, 0, len(v))
		for _, e := range v {
			if isNoValue(e) {
				continue
			}
			x, keep, sub := flattenValueReference(e, joinReference(p, strconv.Itoa(len(list))), unknown, refs, inPolicy)
			ids = mergeIDs(ids, sub)
			if !keep {
				x = nil
			}
			list = append(list, x)
		}
		return list, true, ids
	}
	return v, true, ids
}
