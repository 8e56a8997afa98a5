package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/evidence"
	et "github.com/attest-dev/attest/evidence/evidencetest"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/sqlite"
)

// TestReportStatus_example keeps examples/opta/STATUS.md what
// `attest report status examples/opta` writes.
func TestReportStatus_example(t *testing.T) {
	t.Chdir("../..")
	var out, errOut bytes.Buffer
	p := reportStatusParams{paths: []string{"examples/opta"}, format: "markdown", now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	if err := runReportStatus(context.Background(), p, &out, &errOut); err != nil {
		t.Fatalf("%v (stderr %s)", err, errOut.String())
	}
	want, err := os.ReadFile("examples/opta/STATUS.md")
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("examples/opta/STATUS.md is out of date: run `go run ./cmd/attest report status examples/opta > examples/opta/STATUS.md`\n--- got:\n%s", out.String())
	}
	for _, section := range []string{"## AWS", "### Compliant with these settings", "### Known exceptions", "SEC-142", "### Extra steps", "could not be decided"} {
		if !strings.Contains(out.String(), section) {
			t.Errorf("the status page lacks %q", section)
		}
	}
}

func TestReportStatus_scanReport(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "scan.json")
	os.WriteFile(file, et.ScanBody(time.Now(), false, et.Verdict{Rule: "k8s-privileged", Resource: "Pod/default/<b>web</b>", Status: attest.StatusFail}), 0o644)
	code, out, stderr := runAttest(t, "report", "status", "--scan-report", file, "--format", "html")
	if code != 0 || !strings.Contains(out, "<h2>Kubernetes</h2>") || !strings.Contains(out, "&lt;b&gt;web&lt;/b&gt;") || strings.Contains(out, "<b>web") {
		t.Errorf("exit %d, stderr %s, html %s", code, stderr, out)
	}
	if code, _, stderr := runAttest(t, "report", "status", "--scan-report", file, "examples/opta"); code != exitInput || !strings.Contains(stderr, "not both") {
		t.Errorf("both: exit %d %s", code, stderr)
	}
	os.WriteFile(file, []byte(`{"kind":"attest.vulns.report"}`), 0o644)
	if code, _, stderr := runAttest(t, "report", "status", "--scan-report", file); code != exitInput || !strings.Contains(stderr, "not an attest scan report") {
		t.Errorf("a vulns report: exit %d %s", code, stderr)
	}
}

// reportDB makes a database with a week of scans and a signed checkpoint.
func reportDB(t *testing.T) (string, *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "attest.db")
	db := sqlite.NewDB(path)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	day0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for d := range 7 {
		status := attest.StatusPass
		if d == 3 {
			status = attest.StatusFail
		}
		if _, err := et.AddScan(ctx, db, "acme/infra", day0.AddDate(0, 0, d), false,
			et.Verdict{Rule: "aws-s3-encryption", Resource: "aws_s3_bucket.logs", Status: status}); err != nil {
			t.Fatal(err)
		}
	}
	keys, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := auditlog.NewLog(db, keys).Publish(ctx); err != nil {
		t.Fatal(err)
	}
	return path, db
}

func TestReport_db(t *testing.T) {
	path, _ := reportDB(t)
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ format, want string }{
		{"markdown", "| CC6.1 | "},
		{"html", "<h3>CC6.1: "},
		{"oscal", `"assessment-results"`},
		{"csv", "PK"},
	} {
		var out, errOut bytes.Buffer
		err := runReport(context.Background(), reportParams{framework: "soc2", from: "2026-03-01", to: "2026-03-07", format: tc.format, db: path, now: now}, &out, &errOut)
		if err != nil || !strings.Contains(out.String(), tc.want) {
			t.Errorf("%s: %v, output %.300q", tc.format, err, out.String())
		}
	}
	var out, errOut bytes.Buffer
	if err := runReport(context.Background(), reportParams{framework: "soc2", from: "2026-03-01", to: "2026-03-07", format: "markdown", db: path, now: now}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fail from 2026-03-04 to 2026-03-04 (1 days)", "passed again on 2026-03-05 with scan 5 of acme/infra@", "tree size 7", "Passing evidence on 6 of 7 days"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	for _, bad := range [][]string{
		{"report", "--framework", "soc2", "--from", "2026-03-01", "--db", path, "--server", "http://x"},
		{"report", "--framework", "soc2", "--from", "2026-03-01"},
		{"report", "--framework", "iso", "--from", "2026-03-01", "--db", path},
		{"report", "--framework", "soc2", "--from", "March", "--db", path},
		{"report", "--framework", "soc2", "--from", "2026-03-01", "--format", "docx", "--db", path},
		{"report", "--framework", "soc2", "--from", "2026-03-01", "--to", "2099-01-01", "--db", path},
		{"report", "--framework", "soc2", "--from", "2026-03-01", "--db", filepath.Join(t.TempDir(), "none.db")},
	} {
		if code, _, stderr := runAttest(t, bad...); code != exitInput {
			t.Errorf("%v: exit %d, stderr %s", bad, code, stderr)
		}
	}
}

// TestReport_server makes the report from a running server over HTTP, with
// its statuses and checkpoint, and checks it says what the database
// report says.
func TestReport_server(t *testing.T) {
	path, db := reportDB(t)
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	keys, err := auditlog.LoadOrCreateKey(context.Background(), db.KeyStore(), "attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	snap, err := evidence.NewSnapshotter(db, db)
	if err != nil {
		t.Fatal(err)
	}
	snap.Now = func() time.Time { return now }
	srv := attesthttp.NewServer()
	srv.Addr = "127.0.0.1:0"
	srv.Events, srv.Tokens, srv.Evidence, srv.Controls, srv.Alerts = db, db, db, snap, db
	srv.Log, srv.LogKey = auditlog.NewLog(db, keys), keys.VerifierKey
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	_, secret, err := attesthttp.CreateToken(context.Background(), db, attesthttp.NewToken{Name: "auditor", Scope: attest.ScopeRead, Actor: "test", Via: "cli"}, now, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	params := reportParams{framework: "soc2", from: "2026-03-01", to: "2026-03-07", format: "markdown", now: now}
	var fromServer, fromDB, errOut bytes.Buffer
	params.server, params.token = srv.URL(), secret
	if err := runReport(context.Background(), params, &fromServer, &errOut); err != nil {
		t.Fatalf("%v %s", err, errOut.String())
	}
	params.server, params.db = "", path
	if err := runReport(context.Background(), params, &fromDB, &errOut); err != nil {
		t.Fatal(err)
	}
	// The server stored the days it served; the reports agree but for the
	// checkpoint (the token's creation came after the first).
	strip := func(s string) string {
		i := strings.Index(s, "- Audit-log checkpoint")
		j := strings.Index(s[i:], "\n")
		k := strings.Index(s, "## Checkpoint")
		return s[:i] + s[i+j:k]
	}
	if strip(fromServer.String()) != strip(fromDB.String()) {
		t.Errorf("server and database reports differ:\n%s\n----\n%s", fromServer.String(), fromDB.String())
	}
	if stored, _ := db.ControlStatuses(context.Background(), "soc2", now.AddDate(0, 0, -30), now); len(stored) != 7*61 {
		t.Errorf("the server stored %d statuses, want 7 days of 61", len(stored))
	}
	params.db, params.server, params.token = "", srv.URL(), "att_wrong"
	if err := runReport(context.Background(), params, &fromServer, &errOut); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("bad token: %v", err)
	}
}

func TestReport_pdf(t *testing.T) {
	path, _ := reportDB(t)
	out := filepath.Join(t.TempDir(), "soc2.pdf")
	code, _, stderr := runAttest(t, "report", "--framework", "soc2", "--from", "2026-03-01", "--to", "2026-03-07", "--db", path, "--format", "pdf", "--output", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("output is not a PDF: %v", err)
	}
}
