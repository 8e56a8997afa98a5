package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/sqlite"
	"github.com/attest-dev/attest/storetest"
)

// auditFixture makes a SQLite log of 30 events in three published batches
// and returns its path, its verifier key and the latest checkpoint.
func auditFixture(t testing.TB) (path, vkey string, latest []byte) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "attest.db")
	db := sqlite.NewDB(path)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	keys, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	l := auditlog.NewLog(db, keys)
	for b := range 3 {
		if err := db.AppendEvents(ctx, storetest.NewEvents(b*10, b*10+10)); err != nil {
			t.Fatal(err)
		}
		if latest, err = l.Publish(ctx); err != nil {
			t.Fatal(err)
		}
	}
	return path, keys.VerifierKey, latest
}

func runAudit(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func tamperSQLite(t *testing.T, path string, queries ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range append([]string{"DROP TRIGGER events_no_delete", "DROP TRIGGER events_only_prune"}, queries...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestAuditVerify_DB(t *testing.T) {
	path, vkey, latest := auditFixture(t)
	dir := t.TempDir()
	cpFile := filepath.Join(dir, "checkpoint.txt")
	if err := os.WriteFile(cpFile, latest, 0o644); err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(dir, "log.pub")
	if err := os.WriteFile(keyFile, []byte(vkey+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	otherKey := func() string {
		_, v, err := auditlog.GenerateKey("attest.test/log")
		if err != nil {
			t.Fatal(err)
		}
		return v
	}()

	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
	}{
		// These check a fixed log: --no-record keeps it unwritten.
		{"clean with key", []string{"--db", path, "--key", vkey, "--no-record"}, 0, "ok: 30 records"},
		{"clean with key file and checkpoint", []string{"--db", path, "--key-file", keyFile, "--checkpoint", cpFile, "--no-record"}, 0, "4 signed checkpoints"},
		{"clean with attest's own key file", []string{"--db", path, "--key-file", path + ".key", "--no-record"}, 0, "ok:"},
		{"stored key", []string{"--db", path, "--no-record"}, 0, "ok:"},
		{"json", []string{"--db", path, "--key", vkey, "--json", "--no-record"}, 0, `"records": 30`},
		{"wrong key", []string{"--db", path, "--key", otherKey, "--no-record"}, 1, "no valid signature"},
		{"checkpoint under another key", []string{"--db", path, "--key", otherKey, "--checkpoint", cpFile, "--no-record"}, 2, ""},
		{"missing db", []string{"--db", filepath.Join(dir, "none.db"), "--key", vkey, "--no-record"}, 2, ""},
		{"bad key", []string{"--db", path, "--key", "not-a-key", "--no-record"}, 2, ""},
		{"no source", []string{"--key", vkey}, 2, ""},
		{"missing checkpoint file", []string{"--db", path, "--checkpoint", filepath.Join(dir, "none"), "--no-record"}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runAudit(t, append([]string{"audit", "verify"}, tt.args...)...)
			if code != tt.wantCode || !strings.Contains(out, tt.wantOut) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errOut, tt.wantCode, tt.wantOut)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("verifying a missing database created it")
	}

	// A verification with --db is recorded in the log, by --by, after the
	// records it verified; the next verification checks it with them.
	t.Run("recorded", func(t *testing.T) {
		last := func() *attest.Event {
			t.Helper()
			db := sqlite.NewDB(path)
			db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
			if err := db.Open(context.Background()); err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			got, err := db.FindEvents(context.Background(), attest.EventFilter{AfterSeq: -1, Source: "attest", Action: auditlog.VerifyAction, Newest: true, Limit: 1})
			if err != nil || len(got) != 1 {
				t.Fatalf("verification records: %v, %v", got, err)
			}
			return got[0]
		}
		code, out, errOut := runAudit(t, "audit", "verify", "--db", path, "--key", vkey, "--by", "auditor@example.com")
		if code != 0 {
			t.Fatalf("exit %d: %s %s", code, out, errOut)
		}
		rec := last()
		var v auditlog.Verification
		if err := json.Unmarshal(rec.Raw, &v); err != nil {
			t.Fatal(err)
		}
		if rec.Actor != "auditor@example.com" || rec.Outcome != attest.OutcomeSuccess || !v.OK || v.Via != "cli" || !v.EvidenceChecked || !v.EvidenceOK {
			t.Errorf("record = %+v, payload %+v; want a passing cli verification by auditor@example.com", rec, v)
		}
		code, out, _ = runAudit(t, "audit", "verify", "--db", path, "--key", vkey, "--no-record")
		if code != 0 || !strings.Contains(out, fmt.Sprintf("ok: %d records", rec.Seq+1)) {
			t.Errorf("exit %d, stdout %q; want the record verified with the log", code, out)
		}
		if again := last(); again.Seq != rec.Seq {
			t.Errorf("--no-record recorded seq %d", again.Seq)
		}
	})

	t.Run("tampered", func(t *testing.T) {
		tamperSQLite(t, path, "UPDATE events SET actor = 'mallory' WHERE seq = 3", "DELETE FROM events WHERE seq = 21")
		code, out, _ := runAudit(t, "audit", "verify", "--db", path, "--key", vkey, "--checkpoint", cpFile)
		if code != 1 {
			t.Errorf("exit %d, want 1; stdout %q", code, out)
		}
		for _, want := range []string{"TAMPERED", "seq 3: changed", "seq 21: deleted"} {
			if !strings.Contains(out, want) {
				t.Errorf("stdout %q does not contain %q", out, want)
			}
		}
		// The failed verification is recorded too, as a failure.
		db := sqlite.NewDB(path)
		db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
		if err := db.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		got, err := db.FindEvents(context.Background(), attest.EventFilter{AfterSeq: -1, Source: "attest", Action: auditlog.VerifyAction, Newest: true, Limit: 1})
		if err != nil || len(got) != 1 || got[0].Outcome != attest.OutcomeFailure {
			t.Errorf("record of the failed verification: %+v, %v", got, err)
		}
	})
}

// logServer serves a log's checkpoint and consistency proofs as attest serve
// does.
func logServer(t *testing.T, l *auditlog.Log) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/log/checkpoint", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer secret" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		b, err := l.Latest(r.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Write(b)
	})
	mux.HandleFunc("GET /api/v1/log/consistency", func(w http.ResponseWriter, r *http.Request) {
		from, _ := strconv.ParseUint(r.URL.Query().Get("from"), 10, 64)
		to, _ := strconv.ParseUint(r.URL.Query().Get("to"), 10, 64)
		p, err := l.ConsistencyProof(r.Context(), from, to)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"from": from, "to": to, "proof": p})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestAuditVerify_Server(t *testing.T) {
	ctx := context.Background()
	path, vkey, early := auditFixture(t)
	db := sqlite.NewDB(path)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	keys, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	l := auditlog.NewLog(db, keys)
	if err := db.AppendEvents(ctx, storetest.NewEvents(30, 45)); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Publish(ctx); err != nil {
		t.Fatal(err)
	}
	srv := logServer(t, l)
	dir := t.TempDir()
	cpFile := filepath.Join(dir, "cp.txt")
	os.WriteFile(cpFile, early, 0o644)
	saveFile := filepath.Join(dir, "saved.txt")

	code, out, errOut := runAudit(t, "audit", "verify", "--server", srv.URL, "--token", "secret", "--key", vkey,
		"--checkpoint", cpFile, "--save", saveFile)
	if code != 0 || !strings.Contains(out, "size 45") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and size 45", code, out, errOut)
	}
	if b, err := os.ReadFile(saveFile); err != nil || !bytes.Contains(b, []byte("\n45\n")) {
		t.Errorf("saved checkpoint = %q, %v", b, err)
	}

	// A fork: another log under the same key whose first 30 records differ
	// from those the saved checkpoint signed.
	forkPath := filepath.Join(t.TempDir(), "fork.db")
	fork := sqlite.NewDB(forkPath)
	fork.Logger = db.Logger
	if err := fork.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer fork.Close()
	forged := storetest.NewEvents(0, 45)
	forged[7].Actor = "mallory"
	if err := fork.AppendEvents(ctx, forged); err != nil {
		t.Fatal(err)
	}
	forkLog := auditlog.NewLog(fork, keys)
	if _, err := forkLog.Publish(ctx); err != nil {
		t.Fatal(err)
	}
	forkSrv := logServer(t, forkLog)
	code, out, _ = runAudit(t, "audit", "verify", "--server", forkSrv.URL, "--token", "secret", "--key", vkey, "--checkpoint", cpFile)
	if code != 1 || !strings.Contains(out, "does not extend") {
		t.Errorf("fork: exit %d, stdout %q; want 1 and a consistency failure", code, out)
	}
	code, _, errOut = runAudit(t, "audit", "verify", "--server", srv.URL, "--token", "wrong", "--key", vkey)
	if code != 2 || !strings.Contains(errOut, "401") {
		t.Errorf("bad token: exit %d, stderr %q; want 2 naming the 401", code, errOut)
	}
	code, _, _ = runAudit(t, "audit", "verify", "--server", srv.URL, "--token", "secret")
	if code != 2 {
		t.Errorf("server mode without key: exit %d, want 2", code)
	}
}

func TestAuditVerify_Evidence(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "attest.db")
	db := sqlite.NewDB(path)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	keys, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AppendEvents(ctx, storetest.NewEvents(0, 5)); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		e, rec := storetest.NewEvidence(i, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
		if err := db.AddEvidence(ctx, e, rec); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := auditlog.NewLog(db, keys).Publish(ctx); err != nil {
		t.Fatal(err)
	}
	db.Close()

	code, out, _ := runAudit(t, "audit", "verify", "--db", path, "--key", keys.VerifierKey)
	if code != 0 || !strings.Contains(out, "ok: 7 records") || !strings.Contains(out, "evidence ok: 2 uploaded reports") {
		t.Fatalf("clean: exit %d, stdout %q", code, out)
	}
	// The log is untouched; only a stored body is edited.
	tamperSQLite(t, path, "DROP TRIGGER evidence_no_update", `UPDATE evidence SET body = CAST('{"findings":[]}' AS BLOB) WHERE id = 2`)
	code, out, _ = runAudit(t, "audit", "verify", "--db", path, "--key", keys.VerifierKey)
	// The first verification's own record is the 8th.
	if code != 1 || !strings.Contains(out, "ok: 8 records") || !strings.Contains(out, "EVIDENCE TAMPERED") ||
		!strings.Contains(out, "evidence 2 (record 6): the body hashes to") {
		t.Errorf("edited body: exit %d, stdout %q; want exit 1 naming evidence 2", code, out)
	}
}
