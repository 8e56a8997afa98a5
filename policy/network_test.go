package policy_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/policy"
)

// inventory is a loopback HTTP server that counts the requests it gets.
func inventory(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		fmt.Fprintln(w, `{"known": true}`)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func bucketAt(endpoint string) []attest.Resource {
	return []attest.Resource{bucket("aws_s3_bucket.b", map[string]any{"bucket": "b", "endpoint": endpoint})}
}

func TestCompile_NetworkBuiltins(t *testing.T) {
	ctx := context.Background()

	t.Run("refused in a rule folder", func(t *testing.T) {
		srv, requests := inventory(t)
		e, err := policy.Compile(ctx, policy.Options{NoBuiltin: true, Dirs: []string{"testdata/network"}})
		if err == nil {
			// Had it compiled, evaluating it would have sent the request.
			_, _ = e.Evaluate(ctx, bucketAt(srv.URL))
			t.Fatal("a rule that calls http.send compiled")
		}
		for _, want := range []string{
			"testdata/network/send.rego:12:10: error: rule calls http.send, which rules may not use",
			"testdata/network/fetch.rego:4:16: error: rule calls http.send",
			"--allow-rule-network",
		} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error = %v\nwant it to contain %q", err, want)
			}
		}
		if n := requests.Load(); n != 0 {
			t.Errorf("the server got %d requests, want none", n)
		}
	})

	t.Run("allowed in a network folder", func(t *testing.T) {
		srv, requests := inventory(t)
		e, err := policy.Compile(ctx, policy.Options{NoBuiltin: true, NetworkDirs: []string{"testdata/network"}})
		if err != nil {
			t.Fatalf("compile: %v", err)
		}
		findings, err := e.Evaluate(ctx, bucketAt(srv.URL))
		if err != nil {
			t.Fatal(err)
		}
		if len(findings) != 1 || findings[0].Status != attest.StatusFail {
			t.Fatalf("findings = %+v, want one failure", findings)
		}
		if n := requests.Load(); n != 1 {
			t.Errorf("the server got %d requests, want 1", n)
		}
	})

	t.Run("not reachable from a rule folder through a network folder", func(t *testing.T) {
		srv, requests := inventory(t)
		e, err := policy.Compile(ctx, policy.Options{NoBuiltin: true, Dirs: []string{"testdata/netuse"}, NetworkDirs: []string{"testdata/network"}})
		if err == nil {
			_, _ = e.Evaluate(ctx, bucketAt(srv.URL))
			t.Fatal("a rule folder reached http.send through a network folder's helper")
		}
		want := "testdata/netuse/use.rego:13:1: error: rule deny reaches http.send through acme.fetch.status (testdata/network/fetch.rego:4:1)"
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v\nwant it to contain %q", err, want)
		}
		if n := requests.Load(); n != 0 {
			t.Errorf("the server got %d requests, want none", n)
		}
	})

	// Every built-in of the list is refused, however it is called: as an
	// expression, nested in a term, or in a function.
	for _, name := range policy.NetworkBuiltins {
		t.Run(name, func(t *testing.T) {
			var call string
			switch name {
			case "http.send":
				call = `http.send({"method": "GET", "url": "http://127.0.0.1:1/"})`
			case "net.lookup_ip_addr":
				call = `net.lookup_ip_addr("example.com")`
			case "opa.runtime":
				call = `opa.runtime()`
			case "json.verify_schema":
				call = `json.verify_schema({"$ref": "file:///etc/passwd"})`
			case "json.match_schema":
				call = `json.match_schema({}, {"$ref": "file:///etc/passwd"})`
			default:
				t.Fatalf("no call written for %s", name)
			}
			dir := t.TempDir()
			src := "package acme.lib\n\nleak(x) := [" + call + ", x]\n"
			if err := os.WriteFile(filepath.Join(dir, "lib.rego"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := policy.Compile(ctx, policy.Options{NoBuiltin: true, Dirs: []string{dir}})
			want := filepath.ToSlash(filepath.Join(dir, "lib.rego")) + ":3:"
			if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "rule calls "+name) {
				t.Errorf("error = %v\nwant it to name %s and %s", err, want, name)
			}
		})
	}
}
