package detect

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/attest-dev/attest"
	"github.com/valyala/fastjson"
	"go.yaml.in/yaml/v3"
)

// FuzzParseRules feeds arbitrary files to the rule parser: it must return
// rules or errors naming the file, never panic or hang.
func FuzzParseRules(f *testing.F) {
	for _, s := range []string{
		"title: t\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n  sel: {eventName|contains|all: [a, b]}\n  condition: sel\n",
		"title: t\nlogsource: {product: kubernetes}\ndetection:\n  a: {x: null}\n  b: ['k*', '\\*']\n  condition: not (a or 1 of b*) and all of them\n",
		"title: c\ncorrelation: {type: value_count, rules: [x], group-by: [a], timespan: 5m, condition: {field: b, gte: 2}}\n",
		"title: t\nlogsource: {product: okta}\ndetection:\n  s: {a|re|i: '^x', b|cidr: 10.0.0.0/8, c|gt: 3, d|fieldref: e, f|base64offset|contains: g, h|windash|startswith: -x}\n  condition: s\n",
		"---\n---\ntitle: [\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rules, errs := ParseRules("f.yml", data)
		for _, err := range errs {
			if !strings.HasPrefix(err.Error(), "f.yml") {
				t.Fatalf("error %q does not name the file", err)
			}
		}
		set, _ := NewRuleSet(rules)
		e := NewEngine(set, Options{})
		for _, src := range []string{"cloudtrail", "k8s-audit", "okta", "falco", "github"} {
			e.Evaluate(&attest.Event{Source: src, Time: time.Unix(0, 0), Raw: []byte(`{"a":"x","b":["10.1.1.1"],"c":4,"d":"q","e":"Q","x":null}`)})
		}
	})
}

// FuzzEvaluate runs the built-in rules on arbitrary records of each source.
func FuzzEvaluate(f *testing.F) {
	f.Add([]byte(`{"eventName":"StopLogging","eventSource":"cloudtrail.amazonaws.com","userIdentity":{"type":"Root"}}`))
	f.Add([]byte(`{"objectRef":{"resource":"pods","subresource":"exec"},"requestObject":{"spec":{"containers":[{"securityContext":{"privileged":true}}]}}}`))
	f.Add([]byte(`{"priority":"Critical","tags":["mitre_credential_access"],"output_fields":{"proc.name":"cat"}}`))
	f.Add([]byte(`[1, "a", null, {"x": [[]]}]`))
	f.Add([]byte(`{"eventName":`))
	// Every built-in rule's test events seed the corpus too.
	_ = fs.WalkDir(Builtin(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !IsTestFile(p) {
			return err
		}
		data, err := fs.ReadFile(Builtin(), p)
		if err != nil {
			return err
		}
		var tf TestFile
		if err := yaml.Unmarshal(data, &tf); err != nil {
			return err
		}
		for _, c := range tf.Cases {
			for _, ev := range c.Events {
				raw, err := json.Marshal(jsonable(ev))
				if err != nil {
					return err
				}
				f.Add(raw)
			}
		}
		return nil
	})
	set, err := LoadBuiltin()
	if err != nil {
		f.Fatal(err)
	}
	e := NewEngine(set, Options{})
	var p fastjson.Parser
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, src := range []string{"cloudtrail", "k8s-audit", "falco", "github", "okta"} {
			for _, m := range e.Evaluate(&attest.Event{Source: src, Raw: raw}) {
				if m.Rule == nil || len(m.Seqs) == 0 {
					t.Fatalf("incomplete match %+v", m)
				}
			}
			// The index only skips rules that would not match.
			root, err := p.ParseBytes(raw)
			if err != nil {
				continue
			}
			sr := e.bySource[src]
			d := &doc{root: root}
			marks := make([]bool, len(sr.rules))
			sr.mark(d, marks)
			for i, r := range sr.rules {
				if sr.indexed[i] && !marks[i] && r.match(d) {
					t.Fatalf("the index skipped %s, which matches %s", r.Key(), raw)
				}
			}
		}
	})
}

// FuzzWildcard checks the wildcard matcher against a regular expression
// built from the same pattern.
func FuzzWildcard(f *testing.F) {
	f.Add("a*b?c", "axxbyc")
	f.Add(`\*lit\?*`, "*lit?tail")
	f.Add("*", "")
	f.Add("?", "é")
	f.Add(`a\\*`, `a\zz`)
	f.Add("**x*", "yyxyy")
	f.Fuzz(func(t *testing.T, pattern, value string) {
		if !utf8.ValidString(pattern) || !utf8.ValidString(value) {
			return // the reference regexp needs UTF-8
		}
		toks := parseWildcards(pattern)
		var re strings.Builder
		re.WriteString("(?s)^")
		for _, tok := range toks {
			switch tok.kind {
			case '*':
				re.WriteString(".*")
			case '?':
				re.WriteString(".")
			default:
				re.WriteString(regexp.QuoteMeta(tok.lit))
			}
		}
		re.WriteString("$")
		want := regexp.MustCompile(re.String()).MatchString(value)
		m := newStringMatcher(append([]globTok(nil), toks...), true)
		got := false
		switch m.op {
		case opEq:
			got = value == m.s
		case opPrefix:
			got = strings.HasPrefix(value, m.s)
		case opSuffix:
			got = strings.HasSuffix(value, m.s)
		case opContains:
			got = strings.Contains(value, m.s)
		default:
			got = globMatch(m.glob, []byte(value))
		}
		if got != want {
			t.Fatalf("pattern %q value %q: got %v, regexp %s says %v", pattern, value, got, re.String(), want)
		}
	})
}

// FuzzRequiredLiteral checks that a value the regular expression matches
// always contains the literal the matcher pre-checks.
func FuzzRequiredLiteral(f *testing.F) {
	f.Add(".+:assumed-role/aws:.+", "arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1")
	f.Add("(?i)abc", "ABC")
	f.Add("a|bc", "a")
	f.Add("x(yz)+w", "xyzyzw")
	f.Fuzz(func(t *testing.T, expr, value string) {
		if len(expr) > 64 || len(value) > 256 {
			return // keep each run quick; size is not what this checks
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return
		}
		if lit := requiredLiteral(expr); re.MatchString(value) && !strings.Contains(value, lit) {
			t.Fatalf("%q matches %q but lacks the required literal %q", expr, value, lit)
		}
	})
}
