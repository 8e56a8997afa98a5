package policy

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// dockerCase is one call of both definitions: a Dockerfile resource's
// stages, a kind of instruction, a table of patterns and a string, each as
// JSON but the kind.
type dockerCase struct{ stages, cmd, patterns, s string }

const twoStages = `[
	{"line": 1, "instructions": [
		{"cmd": "from", "line": 1},
		{"cmd": "run", "script": "apt-get install -y curl", "line": 2},
		{"cmd": "copy", "sources": ["id_rsa"], "line": 3}]},
	{"line": 5, "instructions": [
		{"cmd": "from", "line": 5},
		{"cmd": "env", "pairs": [{"key": "A", "value": "b"}], "line": 6},
		{"cmd": "run", "script": "curl -u me:pw https://x", "line": 7},
		{"cmd": "add", "sources": ["https://x/y"], "line": 8}]}
]`

const somePatterns = `{
	"a password": "://[^:]+:[^@]+@",
	"curl -u": "\\bcurl\\b.*\\s-u\\s",
	"apt": "^apt-get",
	"bad": "(",
	"not a string": 7
}`

var dockerCases = []dockerCase{
	{twoStages, "run", somePatterns, `"curl -u me:pw https://a:b@x"`},
	{twoStages, "copy", somePatterns, `"apt-get install"`},
	{twoStages, "healthcheck", somePatterns, `"nothing"`},
	{`[]`, "run", `{}`, `""`},
	{`[{"instructions": []}, {"line": 2}, {"instructions": "x"}, "x", 3]`, "run", somePatterns, `7`},
	{`[{"instructions": [{"cmd": "run"}, {"cmd": 7}, "run", ["run"], {"script": "x"}]}]`, "run", `[]`, `"x"`},
	{`{"b": {"instructions": [{"cmd": "run", "n": 1}]}, "a": {"instructions": {"z": {"cmd": "run"}, "y": {"cmd": "run"}}}}`, "run", somePatterns, `"apt-get"`},
	{`[{"instructions": [{"cmd": "run", "n": 1}, {"cmd": "run", "n": 1}]}]`, "run", somePatterns, `"a"`},
	{`"stages"`, "run", `"patterns"`, `"a"`},
	{twoStages, "env", `{"b": "^b$", "A": "^A$", "empty": "^$", "bad": "("}`, `"x"`},
	{twoStages, "copy", `{"rsa": "rsa$", "any": ".", "empty": "^$"}`, `"x"`},
	{otherShapes, "expose", `{"22": "^22$", "any": "", "num": "[0-9]"}`, `"x"`},
	{otherShapes, "env", `{"K": "^K$", "s": "^s$", "empty": "^$"}`, `"x"`},
	{otherShapes, "acme/app", registries, `"ghcr.io"`},
	{twoStages, "x", registries, `"eu.gcr.io"`},
	{twoStages, "x", registries, `"evil.io"`},
	{twoStages, "acme", registries, `7`},
	{twoStages, "x", `{"a": "docker.io"}`, `"docker.io"`},
	{twoStages, "x", `"docker.io"`, `"docker.io"`},
}

// otherShapes are instructions whose lists hold what the loader never
// gives: nulls, numbers, pairs that are not objects or lack a field.
const otherShapes = `[{"instructions": [
	{"cmd": "expose", "words": ["22", null, 7, "8080/tcp"], "line": 1},
	{"cmd": "expose", "words": "22", "line": 2},
	{"cmd": "env", "pairs": [{"key": "K"}, "x", {"key": "V", "value": 7}, {"value": "s"}], "line": 3},
	{"cmd": "env", "pairs": {"a": {"key": "K", "value": "s"}}, "line": 4}]}]`

// registries are allowed registries of the registry rule's shapes, with
// entries that are not strings or not valid globs.
const registries = `["docker.io", "*.gcr.io", "ghcr.io/acme/*", 7, "[", "x/["]`

// nDockerCalls is the number of calls callDocker compares.
const nDockerCalls = 10

// callDocker evaluates the built-ins and the reference Rego definitions on
// one case and returns their results as OPA prints them ("" for undefined;
// a set comes back from the query as a sorted array).
func callDocker(t testing.TB, c dockerCase) (builtin, reference [nDockerCalls]string, ok bool) {
	t.Helper()
	stages, err := jsonTerm(c.stages)
	if err != nil {
		return builtin, reference, false
	}
	patterns, err := jsonTerm(c.patterns)
	if err != nil {
		return builtin, reference, false
	}
	s, err := jsonTerm(c.s)
	if err != nil {
		return builtin, reference, false
	}
	input := ast.NewObject(
		ast.Item(ast.StringTerm("resource"), ast.ObjectTerm(ast.Item(ast.StringTerm("attributes"), ast.ObjectTerm(ast.Item(ast.StringTerm("stages"), stages))))),
		ast.Item(ast.StringTerm("cmd"), ast.StringTerm(c.cmd)),
		ast.Item(ast.StringTerm("patterns"), patterns),
		ast.Item(ast.StringTerm("s"), s),
	)
	q := func(expr string) string {
		x, err := bindingX(t, input, expr)
		if err != nil {
			return "error: " + err.Error()
		}
		return x
	}
	const stagesRef = `data.reference.docker.stages`
	builtin[0] = q(`x := attest.instructions(` + stagesRef + `, {input.cmd})`)
	reference[0] = q(`x := data.reference.docker.of_kind(input.cmd)`)
	builtin[1] = q(`x := {y | some y in attest.instructions(` + stagesRef + `, {"copy", "add", input.cmd})}`)
	reference[1] = q(`x := data.reference.docker.of_kinds({"copy", "add", input.cmd})`)
	builtin[2] = q(`x := {w | some w in attest.matching(input.patterns, input.s)}`)
	reference[2] = q(`x := data.reference.docker.matching(input.patterns, input.s)`)
	builtin[3] = q(`x := attest.by_kind(` + stagesRef + `)`)
	reference[3] = q(`x := data.reference.docker.kinds`)
	// The RUN instructions (or those of the case's kind), and the case's
	// string as a list of its own.
	const runs = `object.get(data.reference.docker.kinds, input.cmd, [])`
	builtin[4] = q(`x := {y | some y in attest.matching_scripts(input.patterns, ` + runs + `)}`)
	reference[4] = q(`x := data.reference.docker.matching_scripts(input.patterns, ` + runs + `)`)
	// The pairs' values and keys, the sources and words.
	for k, field := range []string{"value", "key"} {
		builtin[5+k] = q(`x := {y | some y in attest.matching_pairs(input.patterns, ` + runs + `, "` + field + `")}`)
		reference[5+k] = q(`x := data.reference.docker.matching_pairs(input.patterns, ` + runs + `, "` + field + `")`)
	}
	for k, field := range []string{"sources", "words"} {
		builtin[7+k] = q(`x := {y | some y in attest.matching_elements(input.patterns, ` + runs + `, "` + field + `")}`)
		reference[7+k] = q(`x := data.reference.docker.matching_elements(input.patterns, ` + runs + `, "` + field + `")`)
	}
	// The patterns as the allowed registries, the string as the registry
	// and the kind as the repository.
	builtin[9] = q(`x := {1 | attest.image_allowed(input.patterns, input.s, input.cmd)}`)
	reference[9] = q(`x := {1 | data.reference.docker.image_allowed(input.patterns, input.s, input.cmd)}`)
	return builtin, reference, true
}

func TestDocker_matchRego(t *testing.T) {
	for _, c := range dockerCases {
		got, want, ok := callDocker(t, c)
		if !ok {
			t.Fatalf("case %v does not parse", c)
		}
		if got != want {
			t.Errorf("stages %s cmd %s patterns %s s %s:\nbuilt-ins %q\nRego      %q", c.stages, c.cmd, c.patterns, c.s, got, want)
		}
	}
}

// TestDocker_values pins answers, so that the built-ins and the reference
// cannot agree on something wrong.
func TestDocker_values(t *testing.T) {
	got, _, _ := callDocker(t, dockerCases[0])
	want := [nDockerCalls]string{
		`[[0, 1, {"cmd": "run", "line": 2, "script": "apt-get install -y curl"}], [1, 2, {"cmd": "run", "line": 7, "script": "curl -u me:pw https://x"}]]`,
		`[[0, 1, {"cmd": "run", "line": 2, "script": "apt-get install -y curl"}], [0, 2, {"cmd": "copy", "line": 3, "sources": ["id_rsa"]}], [1, 2, {"cmd": "run", "line": 7, "script": "curl -u me:pw https://x"}], [1, 3, {"cmd": "add", "line": 8, "sources": ["https://x/y"]}]]`,
		`["a password", "curl -u"]`,
		`{"add": [{"cmd": "add", "line": 8, "sources": ["https://x/y"]}], "copy": [{"cmd": "copy", "line": 3, "sources": ["id_rsa"]}], "env": [{"cmd": "env", "line": 6, "pairs": [{"key": "A", "value": "b"}]}], "from": [{"cmd": "from", "line": 1}, {"cmd": "from", "line": 5}], "run": [{"cmd": "run", "line": 2, "script": "apt-get install -y curl"}, {"cmd": "run", "line": 7, "script": "curl -u me:pw https://x"}]}`,
		`[["apt", {"cmd": "run", "line": 2, "script": "apt-get install -y curl"}], ["curl -u", {"cmd": "run", "line": 7, "script": "curl -u me:pw https://x"}]]`,
		`[]`, `[]`, `[]`, `[]`, `[]`,
	}
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	for i, want := range map[int][nDockerCalls]string{
		9: {5: `[["b", {"cmd": "env", "line": 6, "pairs": [{"key": "A", "value": "b"}]}, {"key": "A", "value": "b"}]]`,
			6: `[["A", {"cmd": "env", "line": 6, "pairs": [{"key": "A", "value": "b"}]}, {"key": "A", "value": "b"}]]`},
		10: {7: `[["any", {"cmd": "copy", "line": 3, "sources": ["id_rsa"]}, "id_rsa"], ["rsa", {"cmd": "copy", "line": 3, "sources": ["id_rsa"]}, "id_rsa"]]`},
		13: {9: `[1]`},
		14: {9: `[1]`},
		15: {9: `[]`},
		17: {9: `[1]`},
	} {
		got, _, _ := callDocker(t, dockerCases[i])
		for k, w := range want {
			if w != "" && got[k] != w {
				t.Errorf("case %d call %d: got %s, want %s", i, k, got[k], w)
			}
		}
	}
}

func FuzzDocker(f *testing.F) {
	for _, c := range dockerCases {
		f.Add(c.stages, c.cmd, c.patterns, c.s)
	}
	f.Fuzz(func(t *testing.T, stages, cmd, patterns, s string) {
		c := dockerCase{stages, cmd, patterns, s}
		got, want, ok := callDocker(t, c)
		if ok && got != want {
			t.Errorf("stages %s cmd %s patterns %s s %s:\nbuilt-ins %q\nRego      %q", stages, cmd, patterns, s, got, want)
		}
	})
}
