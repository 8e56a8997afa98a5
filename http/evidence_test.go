package http_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
	attesthttp "github.com/attest-dev/attest/http"
)

// evidenceFixture reads a real report from the repository's testdata.
func evidenceFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../testdata/evidence/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Release 1.5.0 of testdata/vulns: its manifest and config digests.
const (
	manifest150 = "sha256:3d0e4d6ba734863d64d583a4834214bff119926cb313d657f0e190ed4014ec5b"
	config150   = "sha256:0598725bc9704d460e046b3c56e82901af05faa7419b1e22e45992c62213d3c9"
)

type evidenceStore interface {
	dbStore
	attest.EvidenceStore
}

func TestServer_Evidence(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			st := b.open(t).(evidenceStore)
			e := newEnv(t, st, func(s *attesthttp.Server) { s.Evidence = st })
			e.secrets["ci"] = createToken(t, st, attesthttp.NewToken{Name: "ci", Scope: attest.ScopeEvidence})
			scan := evidenceFixture(t, "scan-aws-web.json")
			vulns := evidenceFixture(t, "vulns-release-1.5.0.json")

			// A scan, its metadata in the query; a vulnerability report, in
			// headers, gzip on the wire, with one extra digest.
			r := e.do(t, "POST", "/api/v1/evidence/scans?repository=github.com/acme/infra&commit=abc123&branch=main&pipeline="+
				url.QueryEscape("https://github.com/acme/infra/actions/runs/42"), "ci", scan, "Content-Type", "application/json")
			got := decode[attest.Evidence](t, r, http.StatusCreated)
			sum := sha256.Sum256(scan)
			if got.ID <= 0 || got.Kind != "scan" || got.Repository != "github.com/acme/infra" || got.Commit != "abc123" ||
				got.Branch != "main" || got.Pipeline != "https://github.com/acme/infra/actions/runs/42" || got.Uploader != "ci" ||
				got.SHA256 != hex.EncodeToString(sum[:]) || !got.Received.Equal(testNow) {
				t.Errorf("uploaded scan = %+v", got)
			}
			if loc := r.header.Get("Location"); loc != "/api/v1/evidence/1" {
				t.Errorf("Location = %q", loc)
			}
			extra := "sha256:" + strings.Repeat("ab", 32)
			r = e.do(t, "POST", "/api/v1/evidence/vulns", "ci", gz(t, vulns), "Content-Encoding", "gzip", "Content-Type", "application/json",
				"Attest-Repository", "github.com/acme/web", "Attest-Release", "1.5.0", "Attest-Digests", extra)
			v := decode[attest.Evidence](t, r, http.StatusCreated)
			if want := []string{config150, manifest150, extra}; !slices.Equal(v.Digests, sortedCopy(want)) || v.Release != "1.5.0" {
				t.Errorf("vulns evidence = %+v; want digests %v", v, want)
			}

			// Admin may upload too; read and ingest may not.
			if r := e.do(t, "POST", "/api/v1/evidence/scans", "admin", scan, "Content-Type", "application/json"); r.status != http.StatusCreated {
				t.Errorf("admin upload: %d %s", r.status, r.body)
			}
			for _, tok := range []string{"read", "ingest"} {
				if r := e.do(t, "POST", "/api/v1/evidence/scans", tok, scan, "Content-Type", "application/json"); r.status != http.StatusForbidden {
					t.Errorf("%s upload: %d %s, want 403", tok, r.status, r.body)
				}
			}
			if r := e.do(t, "GET", "/api/v1/evidence", "ci", nil); r.status != http.StatusForbidden {
				t.Errorf("evidence token listing: %d, want 403", r.status)
			}

			// The body comes back byte for byte with its digest.
			r = e.do(t, "GET", "/api/v1/evidence/1", "read", nil)
			if r.status != http.StatusOK || string(r.body) != string(scan) {
				t.Fatalf("GET evidence/1: %d, %d bytes", r.status, len(r.body))
			}
			if d := r.header.Get("Repr-Digest"); d != "sha-256=:"+base64.StdEncoding.EncodeToString(sum[:])+":" {
				t.Errorf("Repr-Digest = %q", d)
			}
			if r := e.do(t, "GET", "/api/v1/evidence/99", "read", nil); r.status != http.StatusNotFound {
				t.Errorf("unknown id: %d", r.status)
			}

			// List, filters and cursor.
			page := decode[attesthttp.EvidencePage](t, e.do(t, "GET", "/api/v1/evidence?digest="+manifest150, "read", nil), http.StatusOK)
			if len(page.Evidence) != 1 || page.Evidence[0].ID != v.ID {
				t.Errorf("by digest: %+v", page)
			}
			page = decode[attesthttp.EvidencePage](t, e.do(t, "GET", "/api/v1/evidence?root=examples%2Faws-web", "read", nil), http.StatusOK)
			if len(page.Evidence) != 2 || page.Evidence[0].Kind != "scan" || !slices.Equal(page.Evidence[0].Roots, []string{"examples/aws-web"}) {
				t.Errorf("by root: %+v", page)
			}
			page = decode[attesthttp.EvidencePage](t, e.do(t, "GET", "/api/v1/evidence?root=elsewhere", "read", nil), http.StatusOK)
			if len(page.Evidence) != 0 {
				t.Errorf("by an unknown root: %+v", page)
			}
			client, err := attesthttp.NewClient(e.url, e.secrets["read"])
			if err != nil {
				t.Fatal(err)
			}
			if list, err := client.FindEvidence(context.Background(), attest.EvidenceFilter{Root: "examples/aws-web", Limit: 1}); err != nil ||
				len(list) != 1 || list[0].ID != 3 || !slices.Equal(list[0].Roots, []string{"examples/aws-web"}) {
				t.Errorf("client by root: %+v, %v", list, err)
			}
			page = decode[attesthttp.EvidencePage](t, e.do(t, "GET", "/api/v1/evidence?kind=scan&limit=1", "read", nil), http.StatusOK)
			if len(page.Evidence) != 1 || page.Evidence[0].ID != 3 || page.NextCursor == "" {
				t.Fatalf("first page: %+v", page)
			}
			page = decode[attesthttp.EvidencePage](t, e.do(t, "GET", "/api/v1/evidence?kind=scan&limit=1&cursor="+page.NextCursor, "read", nil), http.StatusOK)
			if len(page.Evidence) != 1 || page.Evidence[0].ID != 1 || page.NextCursor != "" {
				t.Errorf("second page: %+v", page)
			}
			for _, q := range []string{"kind=sbom", "cursor=abc", "limit=0", "colour=red", "from=yesterday"} {
				if r := e.do(t, "GET", "/api/v1/evidence?"+q, "read", nil); r.status != http.StatusBadRequest {
					t.Errorf("?%s: %d, want 400", q, r.status)
				}
			}

			// Each upload is a record of the audit log, by the token.
			recs, err := st.FindEvents(context.Background(), attest.EventFilter{Source: "attest", Action: "evidence.upload", AfterSeq: -1})
			if err != nil || len(recs) != 3 || recs[0].Actor != "ci" || recs[0].ExternalID != "sha256:"+got.SHA256 {
				t.Errorf("upload records = %v, %v", recs, err)
			}
			if rep, err := evidence.Verify(context.Background(), st, st); err != nil || !rep.OK() || rep.Evidence != 3 {
				t.Errorf("evidence.Verify = %+v, %v", rep, err)
			}
		})
	}
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

func TestServer_EvidenceRefused(t *testing.T) {
	st := openSQLite(t, t.TempDir()+"/attest.db")
	e := newEnv(t, st, func(s *attesthttp.Server) { s.Evidence = st })
	scan := evidenceFixture(t, "scan-aws-web.json")
	vulns := evidenceFixture(t, "vulns-release-1.5.0.json")
	for _, tc := range []struct {
		name, path string
		body       []byte
		headers    []string
		status     int
		want       string
	}{
		{"not JSON", "/api/v1/evidence/scans", []byte("{\n  \"schema_version\": \"1\",\n  oops\n}"), nil, 400, "body:3:3: malformed JSON"},
		{"empty", "/api/v1/evidence/scans", []byte(" "), nil, 400, "empty"},
		{"vulns report as a scan", "/api/v1/evidence/scans", vulns, nil, 400, "not an attest scan report"},
		{"scan as a vulns report", "/api/v1/evidence/vulns", scan, nil, 400, "not an attest vulns report"},
		{"a scan with a bad status", "/api/v1/evidence/scans", []byte(strings.Replace(string(scan), `"status": "fail"`, `"status": "fine"`, 1)), nil, 400, "at /findings/"},
		{"other JSON", "/api/v1/evidence/scans", []byte(`{"hello":"world"}`), nil, 400, "missing properties"},
		{"two values", "/api/v1/evidence/vulns", append(append([]byte{}, vulns...), vulns...), nil, 400, "malformed JSON"},
		{"bad digest", "/api/v1/evidence/vulns?digests=sha256:nothex", vulns, nil, 400, "image digest"},
		{"digests on a scan", "/api/v1/evidence/scans?digests=" + manifest150, scan, nil, 400, "not a scan"},
		{"query and header disagree", "/api/v1/evidence/scans?commit=a", scan, []string{"Attest-Commit", "b"}, 400, "in header Attest-Commit"},
		{"unknown parameter", "/api/v1/evidence/scans?repo=x", scan, nil, 400, "unknown query parameter"},
		{"NUL in metadata", "/api/v1/evidence/scans?repository=a%00b", scan, nil, 400, "repository"},
		{"form", "/api/v1/evidence/scans", scan, []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "Content-Type"},
		{"text/plain, as a cross-site form can send", "/api/v1/evidence/scans", scan, []string{"Content-Type", "text/plain"}, 415, "application/json"},
		{"no content type", "/api/v1/evidence/scans", scan, []string{"Content-Type", ""}, 415, "application/json"},
		{"too large", "/api/v1/evidence/scans", make([]byte, attesthttp.DefaultMaxBodyBytes+1), nil, 413, "over the limit"},
		{"GET an upload path", "/api/v1/evidence/scans", nil, nil, 405, "takes POST"},
	} {
		method := "POST"
		if tc.body == nil {
			method = "GET"
		}
		headers := append([]string{"Content-Type", "application/json"}, tc.headers...)
		r := e.do(t, method, tc.path, "admin", tc.body, headers...)
		if r.status != tc.status || !strings.Contains(string(r.body), tc.want) {
			t.Errorf("%s: %d %s; want %d with %q", tc.name, r.status, r.body, tc.status, tc.want)
		}
	}
	if list, _ := st.FindEvidence(context.Background(), attest.EvidenceFilter{}); len(list) != 0 {
		t.Errorf("refused uploads stored evidence: %v", list)
	}
}

func TestServer_ControlStatus(t *testing.T) {
	st := openSQLite(t, t.TempDir()+"/attest.db")
	snap, err := evidence.NewSnapshotter(st, st)
	if err != nil {
		t.Fatal(err)
	}
	snap.Now = func() time.Time { return testNow }
	e := newEnv(t, st, func(s *attesthttp.Server) { s.Evidence, s.Controls = st, snap })
	scan := evidenceFixture(t, "scan-aws-web.json")
	decode[attest.Evidence](t, e.do(t, "POST", "/api/v1/evidence/scans?repository=acme/infra", "admin", scan, "Content-Type", "application/json"), http.StatusCreated)

	// Today: each control as the scan's own per-control summary has it.
	page := decode[attesthttp.ControlStatusPage](t, e.do(t, "GET", "/api/v1/controls/status?framework=soc2", "read", nil), http.StatusOK)
	if page.From != "2026-03-04" || page.To != "2026-03-05" || len(page.Statuses) != 61 {
		t.Fatalf("page %s..%s with %d statuses", page.From, page.To, len(page.Statuses))
	}
	rep, err := evidence.ParseScan("fixture", scan)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, c := range rep.Controls {
		if c.Framework != "soc2" {
			continue
		}
		i := slices.IndexFunc(page.Statuses, func(s attest.ControlStatus) bool { return s.Control == c.ID })
		wantEv := []int64{1}
		if c.Status == attest.ControlNoEvidence {
			wantEv = nil
		}
		if i < 0 || page.Statuses[i].Status != c.Status || !slices.Equal(page.Statuses[i].Evidence, wantEv) {
			t.Errorf("%s: got %+v, the scan says %s", c.ID, page.Statuses[max(i, 0)], c.Status)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("the fixture has no soc2 controls")
	}
	// Past days are stored as they are served; today is not.
	page = decode[attesthttp.ControlStatusPage](t, e.do(t, "GET", "/api/v1/controls/status?framework=pci-dss-4.0&from=2026-03-01&to=2026-03-05", "read", nil), http.StatusOK)
	stored, err := st.ControlStatuses(context.Background(), "pci-dss-4.0", testNow.AddDate(0, 0, -10), testNow.AddDate(0, 0, 10))
	if err != nil || len(stored) != 3*len(page.Statuses)/4 {
		t.Errorf("stored %d of %d statuses, %v; want days 1 to 3", len(stored), len(page.Statuses), err)
	}
	for _, q := range []string{"", "framework=iso", "framework=soc2&from=2026-13-01", "framework=soc2&from=2025-01-01&to=2026-03-01", "framework=soc2&x=1"} {
		if r := e.do(t, "GET", "/api/v1/controls/status?"+q, "read", nil); r.status != http.StatusBadRequest {
			t.Errorf("?%s: %d %s, want 400", q, r.status, r.body)
		}
	}
}
