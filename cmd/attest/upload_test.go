package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/sqlite"
	"github.com/google/go-cmp/cmp"
)

// ciVars are every CI variable ciMeta reads, cleared so that the tests see
// only what they set (they may themselves run in CI).
var ciVars = []string{"GITHUB_ACTIONS", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID", "GITHUB_SHA",
	"GITHUB_HEAD_REF", "GITHUB_REF_TYPE", "GITHUB_REF_NAME", "GITLAB_CI", "CI_PROJECT_URL", "CI_COMMIT_SHA",
	"CI_COMMIT_BRANCH", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_TAG", "CI_PIPELINE_URL", "ATTEST_TOKEN"}

func clearCI(t *testing.T) {
	for _, v := range ciVars {
		t.Setenv(v, "")
	}
}

// evidenceServer runs attest's server over a fresh SQLite database on
// loopback and returns its URL, the store and a token of evidence scope.
func evidenceServer(t *testing.T) (string, *sqlite.DB, string) {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "attest.db"))
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	srv := attesthttp.NewServer()
	srv.Addr = "127.0.0.1:0"
	srv.Events, srv.Tokens, srv.Evidence = db, db, db
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	_, secret, err := attesthttp.CreateToken(context.Background(), db, attesthttp.NewToken{Name: "ci", Scope: attest.ScopeEvidence, Actor: "test", Via: "cli"}, time.Now(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return srv.URL(), db, secret
}

func runAttest(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestScan_upload(t *testing.T) {
	clearCI(t)
	url, db, secret := evidenceServer(t)
	// GitHub Actions on a push to main; the token from the environment.
	for k, v := range map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com",
		"GITHUB_REPOSITORY": "acme/infra", "GITHUB_RUN_ID": "42", "GITHUB_SHA": "0123abcd", "GITHUB_REF_TYPE": "branch",
		"GITHUB_REF_NAME": "main", "ATTEST_TOKEN": secret} {
		t.Setenv(k, v)
	}
	code, _, stderr := runAttest(t, "scan", "--format", "json="+filepath.Join(t.TempDir(), "r.json"), "--upload", url, "../../examples/aws-web")
	if code != exitFindings || !strings.Contains(stderr, "uploaded scan evidence 1") {
		t.Fatalf("scan --upload: exit %d, stderr %s", code, stderr)
	}
	list, err := db.FindEvidence(context.Background(), attest.EvidenceFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("stored evidence = %v, %v", list, err)
	}
	got := list[0]
	want := attest.Evidence{Kind: "scan", Repository: "github.com/acme/infra", Commit: "0123abcd", Branch: "main",
		Pipeline: "https://github.com/acme/infra/actions/runs/42", Uploader: "ci"}
	if diff := cmp.Diff(want, attest.Evidence{Kind: got.Kind, Repository: got.Repository, Commit: got.Commit,
		Branch: got.Branch, Pipeline: got.Pipeline, Uploader: got.Uploader}); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
	full, _ := db.EvidenceByID(context.Background(), got.ID)
	rep, err := evidence.ParseScan("stored", full.Body)
	if err != nil || len(rep.Findings) == 0 {
		t.Errorf("stored body is not the scan report: %v", err)
	}

	// Flags win over CI; a bad token fails the command after the scan.
	code, _, stderr = runAttest(t, "scan", "--format", "json="+filepath.Join(t.TempDir(), "r.json"), "--upload", url,
		"--token", "att_wrong", "--commit", "feedface", "../../examples/aws-web")
	if code != exitInput || !strings.Contains(stderr, "401") {
		t.Errorf("bad token: exit %d, stderr %s", code, stderr)
	}
	code, _, stderr = runAttest(t, "scan", "--upload", "ftp://x", "../../examples/aws-web")
	if code != exitInput || !strings.Contains(stderr, "want the http:// or https://") {
		t.Errorf("bad URL: exit %d, stderr %s", code, stderr)
	}
	t.Setenv("ATTEST_TOKEN", "")
	code, _, stderr = runAttest(t, "scan", "--upload", url, "../../examples/aws-web")
	if code != exitInput || !strings.Contains(stderr, "needs a token") {
		t.Errorf("no token: exit %d, stderr %s", code, stderr)
	}
}

func TestVulnsMerge_upload(t *testing.T) {
	clearCI(t)
	url, db, secret := evidenceServer(t)
	// GitLab CI on a tag: the tag is the release.
	for k, v := range map[string]string{"GITLAB_CI": "true", "CI_PROJECT_URL": "https://gitlab.example.com/acme/web",
		"CI_COMMIT_SHA": "cafe0001", "CI_COMMIT_TAG": "v1.5.0", "CI_PIPELINE_URL": "https://gitlab.example.com/acme/web/-/pipelines/7"} {
		t.Setenv(k, v)
	}
	extra := "sha256:" + strings.Repeat("0f", 32)
	code, _, stderr := runAttest(t, "vulns", "merge", "--format", "json="+filepath.Join(t.TempDir(), "v.json"),
		"--upload", url, "--token", secret, "--digest", extra, "../../testdata/vulns/release-1.5.0")
	if code != 0 || !strings.Contains(stderr, "uploaded vulns evidence 1") {
		t.Fatalf("vulns merge --upload: exit %d, stderr %s", code, stderr)
	}
	list, err := db.FindEvidence(context.Background(), attest.EvidenceFilter{Digest: "sha256:3d0e4d6ba734863d64d583a4834214bff119926cb313d657f0e190ed4014ec5b"})
	if err != nil || len(list) != 1 {
		t.Fatalf("evidence by the release's manifest digest = %v, %v", list, err)
	}
	got := list[0]
	if got.Kind != "vulns" || got.Repository != "gitlab.example.com/acme/web" || got.Commit != "cafe0001" || got.Release != "v1.5.0" ||
		got.Pipeline != "https://gitlab.example.com/acme/web/-/pipelines/7" || !slices.Contains(got.Digests, extra) || len(got.Digests) != 3 {
		t.Errorf("stored = %+v", got)
	}
}

func TestCIMeta(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, tc := range []struct {
		name string
		env  map[string]string
		want uploadParams
	}{
		{"none", nil, uploadParams{}},
		{"github pull request", map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/infra", "GITHUB_SHA": "s",
			"GITHUB_HEAD_REF": "feature/x", "GITHUB_REF_NAME": "12/merge", "GITHUB_RUN_ID": "9"},
			uploadParams{repository: "github.com/acme/infra", commit: "s", branch: "feature/x", pipeline: "https://github.com/acme/infra/actions/runs/9"}},
		{"github enterprise tag", map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://git.corp.example/", "GITHUB_REPOSITORY": "a/b",
			"GITHUB_REF_TYPE": "tag", "GITHUB_REF_NAME": "v2.0.0"},
			uploadParams{repository: "git.corp.example/a/b", release: "v2.0.0"}},
		{"gitlab merge request", map[string]string{"GITLAB_CI": "true", "CI_PROJECT_URL": "https://gitlab.com/g/sub/p", "CI_COMMIT_SHA": "c",
			"CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": "fix", "CI_PIPELINE_URL": "https://gitlab.com/g/sub/p/-/pipelines/1"},
			uploadParams{repository: "gitlab.com/g/sub/p", commit: "c", branch: "fix", pipeline: "https://gitlab.com/g/sub/p/-/pipelines/1"}},
	} {
		if got := ciMeta(env(tc.env)); !cmp.Equal(got, tc.want, cmp.AllowUnexported(uploadParams{})) {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
