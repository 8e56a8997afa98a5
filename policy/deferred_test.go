package policy

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
)

func TestDependencies(t *testing.T) {
	src := map[string]string{
		"lib.rego": "package attest.lib\nget(x) := id(x)",
		// Another file of the same package, named without a reference.
		"lib_id.rego":  "package attest.lib\nid(x) := x",
		"lib_aws.rego": "package attest.lib.aws\nimport data.attest.lib\nbucket(x) := lib.get(x)",
		"lib_gcp.rego": "package attest.lib.gcp\nimport data.attest.lib\nbucket(x) := lib.get(x)",
		"other.rego":   "package other\nx := 1",
		// Through an import of a package that holds others.
		"imports.rego": "package attest.rules.imports\nimport data.attest.lib.aws\ndeny contains m if { m := aws.bucket(input) }",
		// A call by its full path.
		"calls.rego": "package attest.rules.calls\ndeny contains m if { m := data.attest.lib.get(input) }",
		// A key only known at evaluation: everything under attest.
		"dynamic.rego": "package attest.rules.dynamic\ndeny contains m if { some k; m := data.attest[k] }",
		// data as a whole.
		"whole.rego": "package attest.rules.whole\ndeny contains m if { m := data }",
		// A reference inside the key of another.
		"nested.rego": "package attest.rules.nested\ndeny contains m if { m := input[data.other.x] }",
		"alone.rego":  "package attest.rules.alone\ndeny contains m if { m := input.x }",
	}
	modules := map[string]*ast.Module{}
	for name, s := range src {
		m, err := ast.ParseModuleWithOpts(name, s, ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		modules[name] = m
	}
	all := slices.Sorted(func(yield func(string) bool) {
		for name := range modules {
			if !yield(name) {
				return
			}
		}
	})
	for _, tc := range []struct {
		root string
		want []string
	}{
		{"alone.rego", []string{"alone.rego"}},
		{"imports.rego", []string{"imports.rego", "lib.rego", "lib_aws.rego", "lib_id.rego"}},
		{"calls.rego", []string{"calls.rego", "lib.rego", "lib_id.rego"}},
		{"nested.rego", []string{"nested.rego", "other.rego"}},
		// nested.rego, under attest, brings other.rego.
		{"dynamic.rego", all},
		{"whole.rego", all},
		{"lib_gcp.rego", []string{"lib.rego", "lib_gcp.rego", "lib_id.rego"}},
	} {
		t.Run(tc.root, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, dependencies(modules, []string{tc.root})); diff != "" {
				t.Errorf("dependencies (-want +got):\n%s", diff)
			}
		})
	}
}

// compiledFiles lists the module files a compiler holds.
func compiledFiles(c *ast.Compiler) []string {
	var out []string
	for name := range c.Modules {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// A deferred engine compiles the rules of the types it is asked to
// evaluate, and their library, and no other; its verdicts are those of the
// engine compiled at once, and a later evaluation of other types compiles
// their rules too.
func TestEngine_Deferred(t *testing.T) {
	ctx := context.Background()
	eager, err := Compile(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	deferred, err := Compile(ctx, Options{Deferred: true})
	if err != nil {
		t.Fatal(err)
	}
	if deferred.compiler != nil {
		t.Fatalf("a deferred engine compiled at Compile")
	}
	if diff := cmp.Diff(eager.Rules(), deferred.Rules()); diff != "" {
		t.Fatalf("rules (-eager +deferred):\n%s", diff)
	}

	docker := []attest.Resource{{Type: "dockerfile", Address: "Dockerfile", Root: "app", Format: attest.FormatDockerfile,
		Range:      attest.Range{File: "app/Dockerfile", StartLine: 1, EndLine: 2},
		Attributes: map[string]any{"stages": []any{map[string]any{"base": "ubuntu:latest", "instructions": []any{}}}}}}
	bucket := []attest.Resource{{Type: "aws_s3_bucket", Address: "aws_s3_bucket.b", Root: "infra", Format: attest.FormatTerraform,
		Range: attest.Range{File: "infra/main.tf", StartLine: 1, EndLine: 3}, Attributes: map[string]any{"bucket": "logs"}}}

	check := func(resources []attest.Resource) {
		t.Helper()
		want, err := eager.Evaluate(ctx, resources)
		if err != nil {
			t.Fatal(err)
		}
		got, err := deferred.Evaluate(ctx, resources)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 {
			t.Fatalf("no findings on %s", resources[0].Type)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("findings (-eager +deferred):\n%s", diff)
		}
	}
	hasDir := func(files []string, dir string) bool {
		return slices.ContainsFunc(files, func(f string) bool { return strings.HasPrefix(f, dir) })
	}

	check(docker)
	files := compiledFiles(deferred.compiler)
	if !hasDir(files, "rules/docker/") || hasDir(files, "rules/aws/") || hasDir(files, "rules/kubernetes/") || hasDir(files, "rules/gcp/") {
		t.Errorf("compiled for a Dockerfile: %v; want the Docker rules and no other", files)
	}
	if n := len(compiledFiles(eager.compiler)); len(files) >= n/4 {
		t.Errorf("compiled %d modules for a Dockerfile, of %d", len(files), n)
	}

	check(bucket)
	files = compiledFiles(deferred.compiler)
	if !hasDir(files, "rules/docker/") || !slices.Contains(files, "rules/aws/s3_versioning.rego") || hasDir(files, "rules/kubernetes/") {
		t.Errorf("compiled after a bucket: %v; want the Docker and S3 rules", files)
	}
	check(append(docker, bucket...))
}

// Prepare compiles ahead the rules of the types it is given, so that an
// evaluation of resources of those types compiles nothing more, and gives
// the verdicts of the engine compiled at once; types without rules, or
// already compiled, cost nothing, and an evaluation of a type left out
// compiles it then.
func TestEngine_CompileTypes(t *testing.T) {
	ctx := context.Background()
	eager, err := Compile(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	compiler := eager.compiler
	if err := eager.CompileTypes([]string{"aws_s3_bucket"}); err != nil || eager.compiler != compiler {
		t.Errorf("Prepare on an engine compiled at once = %v, compiler replaced %t", err, eager.compiler != compiler)
	}

	e, err := Compile(ctx, Options{Deferred: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.CompileTypes([]string{"no_such_type", "another"}); err != nil || e.compiler != nil {
		t.Fatalf("Prepare of types without rules = %v, compiled %t", err, e.compiler != nil)
	}
	if err := e.CompileTypes([]string{"dockerfile", "aws_s3_bucket", "aws_s3_bucket", "no_such_type"}); err != nil {
		t.Fatal(err)
	}
	prepared := e.compiler
	if prepared == nil || !e.compiledTypes["dockerfile"] || !e.compiledTypes["aws_s3_bucket"] || e.compiledTypes["no_such_type"] {
		t.Fatalf("Prepare compiled the types %v", e.compiledTypes)
	}
	if err := e.CompileTypes([]string{"aws_s3_bucket"}); err != nil || e.compiler != prepared {
		t.Errorf("Prepare of a compiled type = %v, compiled again %t", err, e.compiler != prepared)
	}

	resources := []attest.Resource{
		{Type: "dockerfile", Address: "Dockerfile", Root: "app", Format: attest.FormatDockerfile,
			Range:      attest.Range{File: "app/Dockerfile", StartLine: 1, EndLine: 2},
			Attributes: map[string]any{"stages": []any{map[string]any{"base": "ubuntu:latest", "instructions": []any{}}}}},
		{Type: "aws_s3_bucket", Address: "aws_s3_bucket.b", Root: "infra", Format: attest.FormatTerraform,
			Range: attest.Range{File: "infra/main.tf", StartLine: 1, EndLine: 3}, Attributes: map[string]any{"bucket": "logs"}},
	}
	want, err := eager.Evaluate(ctx, resources)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Evaluate(ctx, resources)
	if err != nil {
		t.Fatal(err)
	}
	if e.compiler != prepared {
		t.Errorf("Evaluate compiled again the types Prepare compiled")
	}
	if len(want) < 5 {
		t.Fatalf("%d findings: the comparison proves little", len(want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-eager +prepared):\n%s", diff)
	}

	// A type Prepare was not given is compiled by Evaluate.
	queue := []attest.Resource{{Type: "aws_sqs_queue", Address: "aws_sqs_queue.q", Root: "infra", Format: attest.FormatTerraform,
		Range: attest.Range{File: "infra/main.tf", StartLine: 5, EndLine: 6}, Attributes: map[string]any{"name": "q"}}}
	want, err = eager.Evaluate(ctx, queue)
	if err != nil {
		t.Fatal(err)
	}
	got, err = e.Evaluate(ctx, queue)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || e.compiler == prepared || !e.compiledTypes["aws_sqs_queue"] {
		t.Fatalf("%d findings on a queue; compiled again %t", len(want), e.compiler != prepared)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings on a queue (-eager +prepared):\n%s", diff)
	}
}

// With user rule folders, Compile compiles at once even when deferred, so
// an error in a user rule is reported whatever is scanned.
func TestCompile_DeferredWithRuleFolders(t *testing.T) {
	e, err := Compile(context.Background(), Options{Deferred: true, Dirs: []string{"testdata/rules"}})
	if err != nil {
		t.Fatal(err)
	}
	if e.compiler == nil || e.compiledTypes != nil {
		t.Errorf("rules with user folders were not compiled at once")
	}
	_, err = Compile(context.Background(), Options{Deferred: true, Dirs: []string{"testdata/typeerror"}})
	if err == nil || !strings.Contains(attest.ErrorMessage(err)+err.Error(), "testdata/typeerror/") {
		t.Errorf("Compile = %v, want the type error of testdata/typeerror", err)
	}
}

// BenchmarkCompile_Deferred measures what a scan pays to compile the rules
// for the resource types of one kind of input: all (every rule, as
// Compile without Deferred), the Terraform AWS types, the Kubernetes kinds,
// and CloudFormation with Dockerfiles.
func BenchmarkCompile_Deferred(b *testing.B) {
	ctx := context.Background()
	all, err := Compile(ctx, Options{})
	if err != nil {
		b.Fatal(err)
	}
	kinds := map[string]func(r attest.Rule, t string) bool{
		"all":                       func(attest.Rule, string) bool { return true },
		"terraform-aws":             func(_ attest.Rule, t string) bool { return strings.HasPrefix(t, "aws_") },
		"kubernetes":                func(r attest.Rule, _ string) bool { return strings.HasPrefix(r.Source, "rules/kubernetes/") },
		"cloudformation-dockerfile": func(_ attest.Rule, t string) bool { return strings.HasPrefix(t, "AWS::") || t == "dockerfile" },
	}
	for _, name := range []string{"all", "terraform-aws", "kubernetes", "cloudformation-dockerfile"} {
		var resources []attest.Resource
		for _, r := range all.Rules() {
			for _, t := range r.ResourceTypes {
				if kinds[name](r, t) {
					resources = append(resources, attest.Resource{Type: t})
				}
			}
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				e, err := Compile(ctx, Options{Deferred: true})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := e.compilerFor(resources); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
