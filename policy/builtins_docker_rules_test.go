package policy_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/dockerfile"
	"github.com/attest-dev/attest/policy"
)

// The Dockerfile rules were rewritten for speed (rules/docker,
// rules/lib/docker.rego, the built-ins of policy/builtins_docker.go). The
// rules as they were before are kept in testdata/dockerrules, renamed
// (package reference.dockerrules.*, ids ref-docker-*), and these tests hold
// every verdict of the rewritten rules, with its message and lines, to the
// verdict the rule of the same name gave before, on the same Dockerfiles.

var dockerRules struct {
	once   sync.Once
	engine *policy.Engine
	err    error
}

// dockerRulesEngine compiles the built-in rules with the reference rules
// beside them, once.
func dockerRulesEngine(t testing.TB) *policy.Engine {
	t.Helper()
	dockerRules.once.Do(func() {
		dockerRules.engine, dockerRules.err = policy.Compile(context.Background(), policy.Options{Dirs: []string{"testdata/dockerrules"}})
	})
	if dockerRules.err != nil {
		t.Fatal(dockerRules.err)
	}
	return dockerRules.engine
}

// verdictKey is what a finding says about a resource, its rule id without
// the reference prefix.
type verdictKey struct {
	resource, rule, status, message string
	line, end                       int
}

// compareDockerRules evaluates both rule sets on resources and reports each
// verdict that one set gives and the other does not.
func compareDockerRules(t testing.TB, resources []attest.Resource) {
	t.Helper()
	findings, err := dockerRulesEngine(t).Evaluate(context.Background(), resources)
	if err != nil {
		t.Fatal(err)
	}
	got, want := map[verdictKey]int{}, map[verdictKey]int{}
	for _, f := range findings {
		if f.ResourceType != dockerfile.ResourceType {
			continue
		}
		k := verdictKey{f.Range.File + "#" + f.Resource, f.RuleID, string(f.Status), f.Message, f.Range.StartLine, f.Range.EndLine}
		if id, ok := strings.CutPrefix(f.RuleID, "ref-"); ok {
			k.rule = id
			want[k]++
		} else if strings.HasPrefix(f.RuleID, "docker-") {
			got[k]++
		}
	}
	if len(want) == 0 && len(resources) > 0 {
		t.Fatal("the reference rules gave no verdict")
	}
	var diffs []string
	for k, n := range want {
		if got[k] != n {
			diffs = append(diffs, fmt.Sprintf("before %d, now %d: %+v", n, got[k], k))
		}
	}
	for k, n := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("before 0, now %d: %+v", n, k))
		}
	}
	slices.Sort(diffs)
	for _, d := range diffs {
		t.Error(d)
	}
}

// dockerSources are the Dockerfiles of the rule fixtures and the loader's
// tests, and those under $ATTEST_DOCKER_TREE when it is set.
func dockerSources(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	dirs := []string{"../rules/docker/testdata", "../iac/dockerfile/testdata"}
	if d := os.Getenv("ATTEST_DOCKER_TREE"); d != "" {
		dirs = append(dirs, d)
	}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(p, ".json") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[p] = src
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func loadDockerfile(path string, src []byte, args map[string]string) []attest.Resource {
	res, _ := dockerfile.Load(path, src, dockerfile.Options{BuildArgs: args})
	return res
}

func TestDockerRules_matchReference(t *testing.T) {
	var resources []attest.Resource
	for path, src := range dockerSources(t) {
		resources = append(resources, loadDockerfile(path, src, nil)...)
		// With build arguments, what was unknown is judged.
		resources = append(resources, loadDockerfile(path+"+args", src, map[string]string{
			"VERSION": "1.2", "BASE": "alpine:3.20", "TOKEN": "ghp_" + strings.Repeat("a", 36), "PORT": "22",
		})...)
	}
	if len(resources) < 100 {
		t.Fatalf("only %d Dockerfiles", len(resources))
	}
	compareDockerRules(t, resources)
}

func FuzzDockerRules(f *testing.F) {
	for _, src := range dockerSources(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if res := loadDockerfile("Dockerfile", src, nil); len(res) > 0 {
			compareDockerRules(t, res)
		}
	})
}

// TestDockerRules_awsSecretName holds the pattern secret_env_name uses for
// AWS_SECRET_ACCESS_KEY to what it replaced, upper(name) ==
// "AWS_SECRET_ACCESS_KEY": upper (strings.ToUpper) maps rune by rune, so
// a name is accepted when it has as many runes and each rune upper-cases to
// the rune at its place. For each place, every rune the pattern accepts
// there (the case-folding orbit of a (?i) letter, or what a class lists)
// must be one whose upper case is that letter, and every such rune must be
// accepted: both are checked on the whole name with one rune replaced, for
// every rune of either set.
func TestDockerRules_awsSecretName(t *testing.T) {
	src, err := os.ReadFile("../rules/docker/secret_env_name.rego")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("\"AWS_SECRET_ACCESS_KEY\": `([^`]+)`").FindSubmatch(src)
	if m == nil {
		t.Fatal("no AWS_SECRET_ACCESS_KEY pattern in secret_env_name.rego")
	}
	re := regexp.MustCompile(string(m[1]))
	const name = "AWS_SECRET_ACCESS_KEY"
	target := []rune(name)
	for i, letter := range target {
		candidates := map[rune]bool{}
		for r := rune(0); r <= unicode.MaxRune; r++ {
			if unicode.ToUpper(r) == letter {
				candidates[r] = true
			}
		}
		for r := unicode.SimpleFold(letter); r != letter; r = unicode.SimpleFold(r) {
			candidates[r] = true
		}
		for r := range candidates {
			x := slices.Clone(target)
			x[i] = r
			s := string(x)
			if got, want := re.MatchString(s), strings.ToUpper(s) == name; got != want {
				t.Errorf("%q (rune %U at %d): pattern %v, upper %v", s, r, i, got, want)
			}
		}
	}
	for _, s := range []string{name, strings.ToLower(name), "aws_secret_access_key ", "AWS_SECRET_ACCESS_KE", "x" + name, "AWS_ſECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_\u212aEY"} {
		if got, want := re.MatchString(s), strings.ToUpper(s) == name; got != want {
			t.Errorf("%q: pattern %v, upper %v", s, got, want)
		}
	}
}
