package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a buffer that a serving goroutine writes while the test
// reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var linkRE = regexp.MustCompile(`attest: sign in to the dashboard once as admin, within 15m0s: (http://\S+)`)

// runServeBackground runs attest serve until the returned stop is called and
// returns its base URL and stderr.
func runServeBackground(t *testing.T, args ...string) (string, *lockedBuffer, func()) {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	stderr := &lockedBuffer{}
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", addr}, args...), nil, io.Discard, stderr)
	}()
	base := "http://" + addr
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 && strings.Contains(stderr.String(), "attest serve started") {
				break
			}
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("server not ready: %v; log:\n%s", err, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	// The link is printed right after the start message.
	time.Sleep(200 * time.Millisecond)
	return base, stderr, func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d: %s", code, stderr.String())
		}
	}
}

// TestRun_serveSignInLink: a first start prints a one-time admin link that
// signs in once; a later start prints none unless --signin-link asks.
func TestRun_serveSignInLink(t *testing.T) {
	db := filepath.Join(t.TempDir(), "attest.db")
	base, stderr, stop := runServeBackground(t, "--db", db)
	// The link is printed right after the start message: wait for it
	// rather than for a fixed time, which a loaded machine outlasts.
	var m []string
	for deadline := time.Now().Add(10 * time.Second); m == nil && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		m = linkRE.FindStringSubmatch(stderr.String())
	}
	if m == nil {
		stop()
		t.Fatalf("first start printed no sign-in link:\n%s", stderr.String())
	}
	link, err := url.Parse(m[1])
	if err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	form := url.Values{"t": {link.Query().Get("t")}}
	req, _ := http.NewRequest(http.MethodPost, base+"/signin/link", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "admin (sign-in link) · admin") {
		t.Errorf("link sign-in: %d\n%s", resp.StatusCode, body)
	}
	stop()

	_, stderr, stop = runServeBackground(t, "--db", db)
	stop()
	if linkRE.MatchString(stderr.String()) {
		t.Errorf("a second start printed a sign-in link though someone has signed in")
	}
	_, stderr, stop = runServeBackground(t, "--db", db, "--signin-link")
	stop()
	if !linkRE.MatchString(stderr.String()) {
		t.Errorf("--signin-link printed no link:\n%s", stderr.String())
	}
}
