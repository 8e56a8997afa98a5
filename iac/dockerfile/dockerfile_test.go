package dockerfile_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/dockerfile"
	"github.com/google/go-cmp/cmp"
)

func load(t *testing.T, file string) attest.Resource {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rs, diags := dockerfile.Load(file, src, dockerfile.Options{})
	if diags.HasErrors() || len(rs) != 1 {
		t.Fatalf("load %s: %d resources, diagnostics %v", file, len(rs), diags)
	}
	return rs[0]
}

// get walks a dot path (list indexes as numbers) through the attributes.
func get(t *testing.T, r attest.Resource, path string) any {
	t.Helper()
	var v any = r.Attributes
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i := 0
			for _, c := range k {
				i = i*10 + int(c-'0')
			}
			if i >= len(x) {
				t.Fatalf("%s: index %d of %d", path, i, len(x))
			}
			v = x[i]
		default:
			t.Fatalf("%s: %T at %q", path, v, k)
		}
	}
	return v
}

func TestLoad_Multistage(t *testing.T) {
	r := load(t, "testdata/multistage.Dockerfile")
	if r.Type != "dockerfile" || r.Address != "multistage.Dockerfile" || r.Format != attest.FormatDockerfile ||
		r.Root != "testdata/multistage.Dockerfile" || r.Range != (attest.Range{File: r.Root, StartLine: 1, EndLine: 26}) {
		t.Errorf("resource header %+v", r)
	}
	for path, want := range map[string]any{
		"final_stage": int64(2),
		// Global ARGs: a default, none (unknown), one from another.
		"args.0.value": "1.22",
		"args.2.value": "golang:1.22",
		// Stage 0: the image from global ARGs, the name lowercased.
		"stages.0.name":            "build",
		"stages.0.final":           false,
		"stages.0.line":            int64(7),
		"stages.0.end_line":        int64(20),
		"stages.0.from.raw":        "${IMAGE}",
		"stages.0.from.image":      "golang:1.22",
		"stages.0.from.registry":   "docker.io",
		"stages.0.from.repository": "library/golang",
		"stages.0.from.tag":        "1.22",
		// A global ARG redeclared without a default takes its value.
		"stages.0.instructions.1.pairs.0.value": "1.22",
		"args.1.line":                           int64(4),
		"stages.0.instructions.2.pairs.0.value": "dev",
		// Continuation lines: one instruction over lines 11-12; within
		// one ENV, a value sees the variables from before it (BuildKit).
		"stages.0.instructions.4.line":          int64(11),
		"stages.0.instructions.4.end_line":      int64(12),
		"stages.0.instructions.4.pairs.1.key":   "BIN",
		"stages.0.instructions.4.pairs.1.value": "/bin",
		"stages.0.instructions.5.pairs.1.value": "a b",
		// A heredoc: its body is part of the script, its lines of the range.
		"stages.0.instructions.6.line":            int64(14),
		"stages.0.instructions.6.end_line":        int64(17),
		"stages.0.instructions.6.heredocs.0.name": "EOT",
		"stages.0.instructions.6.mounts.0.type":   "secret",
		"stages.0.instructions.6.mounts.0.id":     "npm",
		"stages.0.instructions.6.options.network": "none",
		"stages.0.instructions.7.sources.1":       "dev.txt",
		"stages.0.instructions.7.sources.2":       nil,
		"stages.0.instructions.7.dest":            "/src/",
		"stages.0.instructions.7.options.chown":   "app:app",
		"stages.0.user":                           "app",
		"stages.0.user_line":                      int64(19),
		"stages.1.from.raw":                       "${REGISTRY}/base:1",
		"stages.1.user":                           "",
		"stages.2.final":                          true,
		"stages.2.from.stage":                     "build",
		"stages.2.from.stage_index":               int64(0),
		"stages.2.healthcheck":                    "none",
		"stages.2.healthcheck_line":               int64(26),
		"stages.2.instructions.1.words.0":         "8080",
		"stages.2.instructions.1.words.1":         "",
		// Built on stage 0, the final stage inherits its user.
		"stages.2.user":      "app",
		"stages.2.user_line": int64(19),
	} {
		if got := get(t, r, path); !cmp.Equal(got, want) {
			t.Errorf("%s = %#v, want %#v", path, got, want)
		}
	}
	if s := get(t, r, "stages.0.instructions.6.script").(string); !strings.Contains(s, "go build -o ${BIN} .") {
		t.Errorf("RUN script %q lacks its heredoc body", s)
	}
	for _, absent := range []string{"args.1.value", "stages.1.from.image", "stages.0.instructions.3.pairs.0.value", "stages.0.instructions.5.pairs.0.value", "stages.0.from.platform"} {
		if !slices.Contains(r.Unknown, absent) {
			t.Errorf("%s is not listed unknown: %v", absent, r.Unknown)
		}
	}
	wantUnknown := []string{
		"args.1.value",                          // ARG REGISTRY: only --build-arg gives it
		"stages.0.from.platform",                // $BUILDPLATFORM
		"stages.0.instructions.3.pairs.0.value", // ARG TOKEN
		"stages.0.instructions.5.pairs.0.value", // ${TOKEN:-none}: TOKEN may be set
		"stages.0.instructions.7.sources.2",
		"stages.1.from.image", // ${REGISTRY}/base:1
	}
	if diff := cmp.Diff(wantUnknown, r.Unknown); diff != "" {
		t.Errorf("unknown paths (-want +got):\n%s", diff)
	}
}

func TestLoad_Forms(t *testing.T) {
	for file, want := range map[string]map[string]any{
		// A byte-order mark and a digest.
		"testdata/bom.Dockerfile": {
			"stages.0.from.digest":     "sha256:0000000000000000000000000000000000000000000000000000000000000000",
			"stages.0.from.repository": "library/alpine",
			"stages.0.final":           true,
		},
		"testdata/crlf.Dockerfile": {
			"stages.0.from.scratch":             true,
			"stages.0.instructions.1.sources.0": "a",
			"stages.0.instructions.1.line":      int64(2),
		},
		// The escape directive changes the continuation character.
		"testdata/escape.Dockerfile": {
			"stages.0.from.registry":           "mcr.microsoft.com",
			"stages.0.from.repository":         "windows/servercore",
			"stages.0.instructions.1.line":     int64(3),
			"stages.0.instructions.1.end_line": int64(4),
			"stages.0.user":                    "ContainerUser",
		},
	} {
		r := load(t, file)
		for path, w := range want {
			if got := get(t, r, path); !cmp.Equal(got, w) {
				t.Errorf("%s: %s = %#v, want %#v", file, path, got, w)
			}
		}
	}
}

// TestLoad_Errors checks that what BuildKit refuses is an input error at
// the line, with no resource.
func TestLoad_Errors(t *testing.T) {
	for file, want := range map[string]string{
		"heredoc.Dockerfile":      "heredoc.Dockerfile:2: error: Dockerfile does not parse: unterminated heredoc",
		"before-from.Dockerfile":  "before-from.Dockerfile:3: error: Dockerfile is not valid: RUN before the first FROM",
		"substitution.Dockerfile": "substitution.Dockerfile:3: error: Dockerfile is not valid: failed to process \"${B\"",
		"no-from.Dockerfile":      "no-from.Dockerfile:1: error: Dockerfile is not valid: no FROM instruction",
		"from-words.Dockerfile":   "from-words.Dockerfile:2: error: Dockerfile is not valid: FROM wants an image and an optional AS name",
		"user.Dockerfile":         "user.Dockerfile:2: error: Dockerfile is not valid: USER needs a user",
	} {
		path := filepath.Join("testdata", "bad", file)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rs, diags := dockerfile.Load(path, src, dockerfile.Options{})
		if len(rs) != 0 || !diags.HasErrors() || !strings.Contains(diags.Error(), want) {
			t.Errorf("%s: %d resources, diagnostics %q, want %q", file, len(rs), diags.Error(), want)
		}
	}
	// A line longer than BuildKit's scanner buffer is reported at its line.
	long := "FROM alpine\nRUN true\nRUN echo " + strings.Repeat("a", 70<<10) + "\n"
	if rs, diags := dockerfile.Load("long", []byte(long), dockerfile.Options{}); len(rs) != 0 || !strings.Contains(diags.Error(), "long:3: error: Dockerfile does not parse: a line is longer than") {
		t.Errorf("long line: %d resources, %v", len(rs), diags)
	}
	rs, diags := dockerfile.Load("empty", []byte("# only a comment\n"), dockerfile.Options{})
	if len(rs) != 0 || !strings.Contains(diags.Error(), "empty:1: error: Dockerfile does not parse: file with no instructions") {
		t.Errorf("comment-only file: %v", diags)
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       bool
	}{
		{"Dockerfile", "FROM alpine\n", true},
		{"Dockerfile", "", true},
		{"Containerfile", "# syntax=docker/dockerfile:1\nARG X\nFROM alpine\n", true},
		{"api.Dockerfile", "from alpine as build\n", true},
		{"Dockerfile.prod", "RUN echo half a file\n", true},
		{"web.dockerfile", "FROM x\n", true},
		{"Dockerfile.sh", "#!/bin/sh\necho\n", false},
		{"Dockerfile.dockerignore", "node_modules\n", false},
		{"api.Dockerfile.dockerignore", "*.md\n", false},
		{"Dockerfile.j2", "FROM {{ base }}\n", false},
		// Named otherwise, still a Dockerfile by content.
		{"Dockerfile.in", "FROM alpine:3.20\n", true},
		{"Containerfile.arm64", "FROM alpine:3.20\n", true},
		{"Dockerfile", "apiVersion: v1\nkind: Pod\n", false},
		{"Dockerfile.json", "{\"a\": 1}\n", false},
		// By content, whatever the name.
		{"build/image", "# base\n\nFROM golang:1.22 AS build\nRUN go build\n", true},
		{"ci.txt", "ARG BASE=alpine\nFROM ${BASE}\n", true},
		{"ci.txt", "ARG BASE=alpine\necho no from\n", false},
		{"notes.md", "From the start, we wanted...\n", false},
		{"notes.md", "FROM a b c\n", false},
		{"main.go", "package main\n", false},
		{"x.yaml", "from: here\n", false},
	} {
		if got := dockerfile.Detect(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("Detect(%q, %q) = %v, want %v", tc.name, tc.head, got, tc.want)
		}
	}
}

// BenchmarkLoad loads a multi-stage Dockerfile with heredocs, ARG and ENV
// expansion: the per-file cost of the loader in a scan.
func BenchmarkLoad(b *testing.B) {
	src, err := os.ReadFile("testdata/multistage.Dockerfile")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := dockerfile.Load("Dockerfile", src, dockerfile.Options{}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

func TestLoad_BuildArgs(t *testing.T) {
	src := []byte(`ARG BASE=alpine:3.19
ARG TAG
ARG ARCH_IMAGE=busybox:${TARGETARCH}
FROM ${BASE} AS build
FROM app:${TAG}
ARG USERNAME
ARG PORT=8080
ARG TAG
ENV HOME_DIR=${HOME_DIR_ARG} VERSION=${TAG}
USER ${USERNAME}
EXPOSE ${PORT}
FROM ${ARCH_IMAGE}
`)
	t.Run("defaults and unknowns", func(t *testing.T) {
		rs, diags := dockerfile.Load("Dockerfile", src, dockerfile.Options{})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		r := rs[0]
		if got := get(t, r, "stages.0.from.image"); got != "alpine:3.19" {
			t.Errorf("stage 0 image %v", got)
		}
		for _, u := range []string{"args.1.value", "stages.1.from.image", "stages.1.user", "stages.1.instructions.1.pairs.0.value", "stages.2.from.image"} {
			if !slices.Contains(r.Unknown, u) {
				t.Errorf("%s not unknown (unknown: %v)", u, r.Unknown)
			}
		}
	})
	t.Run("given", func(t *testing.T) {
		rs, diags := dockerfile.Load("Dockerfile", src, dockerfile.Options{BuildArgs: map[string]string{
			"BASE": "ubuntu:24.04", "TAG": "1.2", "USERNAME": "app", "PORT": "22",
			// Not declared by an ARG: BuildKit ignores it.
			"HOME_DIR_ARG": "/home/app",
			// Set from the platform, never from a build argument.
			"TARGETARCH": "amd64",
			// A value is used as given, not expanded.
			"UNUSED": "x",
		}})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		r := rs[0]
		for path, want := range map[string]any{
			"args.0.value":                          "ubuntu:24.04",
			"args.0.build_arg":                      true,
			"args.1.value":                          "1.2",
			"stages.0.from.image":                   "ubuntu:24.04",
			"stages.1.from.image":                   "app:1.2",
			"stages.1.from.tag":                     "1.2",
			"stages.1.instructions.1.pairs.0.value": "app",
			"stages.1.instructions.2.pairs.0.value": "22",
			"stages.1.instructions.3.pairs.0.value": "1.2",
			"stages.1.instructions.4.pairs.0.value": "",
			"stages.1.instructions.4.pairs.1.value": "1.2",
			"stages.1.user":                         "app",
			"stages.1.instructions.6.words.0":       "22",
		} {
			if got := get(t, r, path); got != want {
				t.Errorf("%s = %#v, want %#v", path, got, want)
			}
		}
		if !slices.Contains(r.Unknown, "stages.2.from.image") || slices.Contains(r.Unknown, "stages.1.user") {
			t.Errorf("unknown %v: want the TARGETARCH image only", r.Unknown)
		}
	})
	t.Run("value not expanded", func(t *testing.T) {
		rs, _ := dockerfile.Load("Dockerfile", []byte("FROM alpine\nARG GREETING=hi\nENV MSG=${GREETING}\n"), dockerfile.Options{BuildArgs: map[string]string{"GREETING": "$HOME"}})
		if got := get(t, rs[0], "stages.0.instructions.2.pairs.0.value"); got != "$HOME" {
			t.Errorf("MSG = %v, want $HOME", got)
		}
	})
}
