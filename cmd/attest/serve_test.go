package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"
	"github.com/spf13/pflag"
)

func TestLoadServeConfig(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "attest-serve.yaml")
	os.WriteFile(file, []byte(`db: from-file.db
addr: ":9000"
max_body: 1MiB
identities:
  - name: alice
    aliases: ["alice@corp.com", "arn:aws:iam::123456789012:user/alice", "alice"]
`), 0o600)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("db: x.db\nlisten: \":1\"\n"), 0o600)
	secret := filepath.Join(dir, "dsn")
	os.WriteFile(secret, []byte("postgres://attest:s3cret@db/attest\n"), 0o600)
	empty := filepath.Join(dir, "empty-dsn")
	os.WriteFile(empty, []byte("\n"), 0o600)
	twoLines := filepath.Join(dir, "two-lines")
	os.WriteFile(twoLines, []byte("a.db\nb.db\n"), 0o600)
	fileRef := filepath.Join(dir, "db-file.yaml")
	os.WriteFile(fileRef, []byte("db_file: "+secret+"\n"), 0o600)
	dup := filepath.Join(dir, "dup.yaml")
	os.WriteFile(dup, []byte("identities:\n  - name: a\n    aliases: [x]\n  - name: b\n    aliases: [x]\n"), 0o600)

	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    func(c *serveConfig)
		wantErr string
	}{
		{name: "defaults", want: func(c *serveConfig) {}},
		{name: "file", args: []string{"--config", file}, want: func(c *serveConfig) {
			c.DB, c.Addr, c.MaxBody = "from-file.db", ":9000", "1MiB"
		}},
		{name: "file from env", env: map[string]string{"ATTEST_CONFIG": file}, want: func(c *serveConfig) {
			c.DB, c.Addr, c.MaxBody = "from-file.db", ":9000", "1MiB"
		}},
		{name: "env over file", args: []string{"--config", file}, env: map[string]string{"ATTEST_DB": "postgres://h/db", "ATTEST_MAX_BODY": "2MiB"}, want: func(c *serveConfig) {
			c.DB, c.Addr, c.MaxBody = "postgres://h/db", ":9000", "2MiB"
		}},
		{name: "flags over env", args: []string{"--config", file, "--db", "flag.db", "--addr", ":7000"}, env: map[string]string{"ATTEST_DB": "env.db", "ATTEST_ADDR": ":1"}, want: func(c *serveConfig) {
			c.DB, c.Addr, c.MaxBody = "flag.db", ":7000", "1MiB"
		}},
		{name: "db file from env", env: map[string]string{"ATTEST_DB_FILE": secret}, want: func(c *serveConfig) {
			c.DB, c.DBFile = "postgres://attest:s3cret@db/attest", secret
		}},
		{name: "db file in config", args: []string{"--config", fileRef}, want: func(c *serveConfig) {
			c.DB, c.DBFile = "postgres://attest:s3cret@db/attest", secret
		}},
		{name: "db flag over db file env", args: []string{"--db", "flag.db"}, env: map[string]string{"ATTEST_DB_FILE": secret}, want: func(c *serveConfig) {
			c.DB = "flag.db"
		}},
		{name: "db file flag over db env", args: []string{"--db-file", secret}, env: map[string]string{"ATTEST_DB": "env.db"}, want: func(c *serveConfig) {
			c.DB, c.DBFile = "postgres://attest:s3cret@db/attest", secret
		}},
		{name: "db and db file flags", args: []string{"--db", "a.db", "--db-file", secret}, wantErr: "--db and --db-file: give one"},
		{name: "missing db file", args: []string{"--db-file", filepath.Join(dir, "nope")}, wantErr: "database file: open"},
		{name: "empty db file", args: []string{"--db-file", empty}, wantErr: "is empty"},
		{name: "db file of two lines", args: []string{"--db-file", twoLines}, wantErr: "more than one line"},
		{name: "unknown key", args: []string{"--config", bad}, wantErr: "field listen not found"},
		{name: "alias of two people", args: []string{"--config", dup}, wantErr: `"x" already belongs to a`},
		{name: "missing file", args: []string{"--config", filepath.Join(dir, "nope.yaml")}, wantErr: "read config"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f serveFlags
			fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
			f.register(fs)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			got, err := loadServeConfig(fs, &f, func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := DefaultServeConfig()
			tt.want(&want)
			if (slices.Contains(tt.args, "--config") || tt.env["ATTEST_CONFIG"] != "") && tt.name != "db file in config" {
				want.Identities = got.Identities
				if len(got.Identities) != 1 || len(got.Identities[0].Aliases) != 3 {
					t.Errorf("identities %+v", got.Identities)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  bool
	}{
		{"10MiB", 10 << 20, false},
		{"512KiB", 512 << 10, false},
		{"1GiB", 1 << 30, false},
		{"2MB", 2e6, false},
		{"1048576", 1 << 20, false},
		{"100 B", 100, false},
		{"0", 0, true},
		{"-1MiB", 0, true},
		{"ten", 0, true},
		{"10TiB", 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		got, err := parseSize(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestRedactDSN(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://attest:s3cret@db:5432/attest?sslmode=disable": "postgres://attest:xxxxx@db:5432/attest?sslmode=disable",
		"postgres://attest@127.0.0.1:54329/attest":                "postgres://attest@127.0.0.1:54329/attest",
		"attest.db": "attest.db",
		"postgres://attest:p@ss%23w0rd@db/attest":      "postgres://attest:xxxxx@db/attest",
		"postgres://attest:s3cret@db:5432/attest#x%zz": "(a database URL that does not parse)",
	} {
		if got := redactDSN(in); got != want {
			t.Errorf("redactDSN(%q) = %q, want %q", in, got, want)
		}
	}
}

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// TestRun_serve runs the real command line: a token is created with
// 'attest token create', 'attest serve' ingests a Kubernetes audit EventList
// and answers a query, and cancelling the context (as SIGTERM does) shuts it
// down cleanly.
func TestRun_serve(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testServe(t, filepath.Join(t.TempDir(), "attest.db")) })
	t.Run("postgres", func(t *testing.T) { testServe(t, freshPostgres(t)) })
}

// freshPostgres creates a database on the server in ATTEST_TEST_POSTGRES,
// dropped when the test ends, and returns its URL.
func freshPostgres(t *testing.T) string {
	t.Helper()
	base := os.Getenv("ATTEST_TEST_POSTGRES")
	if base == "" {
		t.Fatal("ATTEST_TEST_POSTGRES is not set: run `export ATTEST_TEST_POSTGRES=$(scripts/postgres.sh)` from the repository root")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("cmd_serve_%d", time.Now().UnixNano())
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func testServe(t *testing.T, db string) {
	initDB(t, db) // only serve creates a database; the token comes first here
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"token", "create", "--db", db, "--scope", "admin", "--name", "ops"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("token create: exit %d: %s", code, errOut.String())
	}
	secret := strings.TrimSpace(out.String())
	if !strings.HasPrefix(secret, "att_") || strings.Count(out.String(), "\n") != 1 {
		t.Fatalf("token create printed %q, want the secret alone", out.String())
	}

	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var serveErr lockedBuffer // the logger and the sign-in link write from different goroutines
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", addr, "--max-body", "1MiB"}, nil, io.Discard, &serveErr)
	}()
	base := "http://" + addr
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("server not ready: %v; log:\n%s", err, serveErr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}

	body, err := os.ReadFile("../../testdata/events/k8s-audit-eventlist.json")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", base+"/api/v1/ingest/k8s-audit", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var ack struct {
		Accepted int `json:"accepted"`
	}
	json.NewDecoder(resp.Body).Decode(&ack)
	resp.Body.Close()
	if resp.StatusCode != 200 || ack.Accepted == 0 {
		t.Fatalf("ingest: %d, accepted %d", resp.StatusCode, ack.Accepted)
	}

	req, _ = http.NewRequest("GET", base+"/api/v1/events?source=k8s-audit", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Events []struct {
			Source string `json:"source"`
		} `json:"events"`
	}
	json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if len(page.Events) != ack.Accepted {
		t.Errorf("query: %d events, want %d", len(page.Events), ack.Accepted)
	}

	// The audit log as attest audit verify sees it over HTTP.
	get := func(path string) (int, []byte) {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	_, key := get("/api/v1/log/key")
	waitCheckpoint := func(size int) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			code, b := get("/api/v1/log/checkpoint")
			if lines := strings.Split(string(b), "\n"); code == 200 && len(lines) > 1 && lines[1] == fmt.Sprint(size) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("no checkpoint of size %d: %d %s", size, code, b)
			}
		}
	}
	waitCheckpoint(ack.Accepted + 2) // the events, the token creation and the first start's sign-in link
	saved := filepath.Join(t.TempDir(), "checkpoint")
	verify := func(args ...string) {
		t.Helper()
		var vout, verr bytes.Buffer
		args = append([]string{"audit", "verify", "--server", base, "--token", secret, "--key", strings.TrimSpace(string(key))}, args...)
		if code := run(context.Background(), args, nil, &vout, &verr); code != 0 {
			t.Fatalf("audit verify: exit %d: %s%s", code, vout.String(), verr.String())
		}
	}
	verify("--save", saved)
	// Other requests (new audit ids): the same records again would be
	// acknowledged as duplicates and not grow the log.
	again := bytes.ReplaceAll(body, []byte(`"auditID": "`), []byte(`"auditID": "again-`))
	again = bytes.ReplaceAll(again, []byte(`"auditID":"`), []byte(`"auditID":"again-`))
	req, _ = http.NewRequest("POST", base+"/api/v1/ingest/k8s-audit", bytes.NewReader(again))
	req.Header.Set("Authorization", "Bearer "+secret)
	if resp, err = http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("second ingest: %v %v", resp, err)
	}
	resp.Body.Close()
	waitCheckpoint(2*ack.Accepted + 2)
	verify("--checkpoint", saved)

	// The dashboard's controls page lists the detections serve runs.
	jar, _ := cookiejar.New(nil)
	person := &http.Client{Jar: jar}
	req, _ = http.NewRequest("POST", base+"/signin/token", strings.NewReader(url.Values{"token": {secret}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	if resp, err = person.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("dashboard sign-in: %v %v", resp, err)
	}
	resp.Body.Close()
	if resp, err = person.Get(base + "/controls"); err != nil {
		t.Fatal(err)
	}
	controls, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(controls), `<a href="/alerts?rule=aws-root-account-use">`) {
		t.Errorf("controls page: %d, want the built-in detections listed:\n%.2000s", resp.StatusCode, controls)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exit %d; log:\n%s", code, serveErr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if !strings.Contains(serveErr.String(), `"msg":"shutting down"`) {
		t.Errorf("no shutdown in the log:\n%s", serveErr.String())
	}
}

// FuzzParseServeConfig feeds arbitrary files to the configuration reader:
// it returns an error or a configuration, never panics.
func FuzzParseServeConfig(f *testing.F) {
	f.Add([]byte("db: attest.db\naddr: \":8080\"\nidentities:\n  - name: alice\n    aliases: [alice@corp.com]\n"))
	f.Add([]byte("max_body: 10MiB\nlog_level: debug\n"))
	f.Add([]byte("identities: {name: x}\n"))
	f.Add([]byte("db: [1, 2\n"))
	f.Add([]byte("&a [*a]"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := DefaultServeConfig()
		if err := parseServeConfig(data, &c); err != nil {
			return
		}
		c.Identities.Validate()
		parseSize(c.MaxBody)
	})
}

// FuzzParseSize checks that sizes either parse to a positive number of bytes
// or are refused.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"10MiB", "1", "0", "-1", "9999999999GiB", " 5 KB", "MiB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseSize(s)
		if err == nil && n <= 0 {
			t.Fatalf("parseSize(%q) = %d without error", s, n)
		}
	})
}
