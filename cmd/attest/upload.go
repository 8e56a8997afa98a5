package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/spf13/pflag"
)

// uploadParams are the flags that send a report to the evidence store of
// attest serve (scan --upload, vulns merge --upload).
type uploadParams struct {
	url, token                                    string
	repository, commit, branch, pipeline, release string
	digests                                       []string
}

func (p *uploadParams) register(f *pflag.FlagSet, vulns bool) {
	f.StringVar(&p.url, "upload", "", "also send the JSON report to the evidence store of attest serve at base `URL`")
	f.StringVar(&p.token, "token", "", "API token with evidence scope for --upload (default $ATTEST_TOKEN)")
	f.StringVar(&p.repository, "repository", "", "repository the report is of, for --upload (default from CI: GitHub Actions, GitLab CI)")
	f.StringVar(&p.commit, "commit", "", "commit the report is of, for --upload (default from CI)")
	f.StringVar(&p.branch, "branch", "", "branch the report is of, for --upload (default from CI)")
	f.StringVar(&p.pipeline, "pipeline", "", "URL of the CI run, for --upload (default from CI)")
	if vulns {
		f.StringVar(&p.release, "release", "", "release the report is of, for --upload (default the CI tag)")
		f.StringArrayVar(&p.digests, "digest", nil, "image `DIGEST` (sha256:...) the report covers besides those in it, for --upload (repeatable)")
	}
}

// ciMeta is what the CI environment says about the run: GitHub Actions
// (GITHUB_*) or GitLab CI (CI_*). It is the one place the upload reads the
// environment.
func ciMeta(getenv func(string) string) uploadParams {
	var m uploadParams
	switch {
	case getenv("GITHUB_ACTIONS") == "true" || getenv("GITHUB_REPOSITORY") != "":
		server := strings.TrimRight(getenv("GITHUB_SERVER_URL"), "/")
		if server == "" {
			server = "https://github.com"
		}
		if repo := getenv("GITHUB_REPOSITORY"); repo != "" {
			m.repository = hostPath(server + "/" + repo)
			if id := getenv("GITHUB_RUN_ID"); id != "" {
				m.pipeline = server + "/" + repo + "/actions/runs/" + id
			}
		}
		m.commit = getenv("GITHUB_SHA")
		switch {
		case getenv("GITHUB_HEAD_REF") != "": // a pull request: its branch
			m.branch = getenv("GITHUB_HEAD_REF")
		case getenv("GITHUB_REF_TYPE") == "tag":
			m.release = getenv("GITHUB_REF_NAME")
		default:
			m.branch = getenv("GITHUB_REF_NAME")
		}
	case getenv("GITLAB_CI") == "true" || getenv("CI_PROJECT_URL") != "":
		m.repository = hostPath(getenv("CI_PROJECT_URL"))
		m.commit = getenv("CI_COMMIT_SHA")
		m.branch = getenv("CI_COMMIT_BRANCH")
		if m.branch == "" {
			m.branch = getenv("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME")
		}
		m.release = getenv("CI_COMMIT_TAG")
		m.pipeline = getenv("CI_PIPELINE_URL")
	}
	return m
}

// hostPath turns a repository URL into host/path ("github.com/acme/infra").
func hostPath(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return u
	}
	return p.Host + strings.TrimSuffix(p.Path, ".git")
}

// withDefaults fills the metadata not given by flags from the CI
// environment, and the token from ATTEST_TOKEN.
func (p uploadParams) withDefaults(getenv func(string) string) uploadParams {
	ci := ciMeta(getenv)
	for _, f := range []struct {
		dst *string
		v   string
	}{
		{&p.repository, ci.repository}, {&p.commit, ci.commit}, {&p.branch, ci.branch},
		{&p.pipeline, ci.pipeline}, {&p.release, ci.release}, {&p.token, getenv("ATTEST_TOKEN")},
	} {
		if *f.dst == "" {
			*f.dst = f.v
		}
	}
	return p
}

// check refuses an upload that cannot work, before the scan runs.
func (p uploadParams) check() error {
	if p.url == "" {
		return nil
	}
	u, err := url.Parse(p.url)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--upload %q: want the http:// or https:// base URL of attest serve", p.url)
	}
	if p.token == "" {
		return fmt.Errorf("--upload needs a token with evidence scope: --token or $ATTEST_TOKEN")
	}
	return nil
}

// uploadedEvidence is the part of the server's answer the CLI shows.
type uploadedEvidence struct {
	ID      int64    `json:"id"`
	Kind    string   `json:"kind"`
	SHA256  string   `json:"sha256"`
	Seq     int64    `json:"seq"`
	Digests []string `json:"digests"`
}

// upload sends report (the JSON of kind scan or vulns) to the server,
// gzip-compressed, and returns what the server stored.
func upload(ctx context.Context, p uploadParams, kind string, report []byte) (*uploadedEvidence, error) {
	q := url.Values{}
	for k, v := range map[string]string{"repository": p.repository, "commit": p.commit, "branch": p.branch,
		"pipeline": p.pipeline, "release": p.release, "digests": strings.Join(p.digests, ",")} {
		if v != "" {
			q.Set(k, v)
		}
	}
	var body bytes.Buffer
	zw := gzip.NewWriter(&body)
	zw.Write(report)
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("upload: %w", err)
	}
	path := map[string]string{attest.EvidenceScan: "scans", attest.EvidenceVulns: "vulns"}[kind]
	endpoint := strings.TrimRight(p.url, "/") + "/api/v1/evidence/" + path
	if len(q) > 0 {
		endpoint += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, &body)
	if err != nil {
		return nil, fmt.Errorf("upload: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+p.token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Content-Encoding", "gzip")
	resp, err := (&http.Client{Timeout: 5 * time.Minute}).Do(req)
	if err != nil {
		return nil, fmt.Errorf("upload to %s: %w", p.url, err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("upload to %s: %w", p.url, err)
	}
	if resp.StatusCode != http.StatusCreated {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(answer, &e) == nil && e.Error != "" {
			return nil, fmt.Errorf("upload to %s: %s: %s", p.url, resp.Status, e.Error)
		}
		return nil, fmt.Errorf("upload to %s: %s", p.url, resp.Status)
	}
	var got uploadedEvidence
	if err := json.Unmarshal(answer, &got); err != nil || got.ID == 0 {
		return nil, fmt.Errorf("upload to %s: the answer is not stored evidence: %.200s", p.url, answer)
	}
	return &got, nil
}

// reportUpload prints what was stored.
func reportUpload(w io.Writer, e *uploadedEvidence) {
	fmt.Fprintf(w, "attest: uploaded %s evidence %d (sha256 %s, audit record %d)", e.Kind, e.ID, e.SHA256, e.Seq)
	if len(e.Digests) > 0 {
		fmt.Fprintf(w, " covering %s", strings.Join(e.Digests, ", "))
	}
	fmt.Fprintln(w)
}
