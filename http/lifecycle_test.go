package http_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	attesthttp "github.com/attest-dev/attest/http"
)

// TestServer_Close checks that Close lets a batch in flight finish and be
// acknowledged, and that the server takes no new connections after.
func TestServer_Close(t *testing.T) {
	st := newMemStore()
	started, release := make(chan struct{}), make(chan struct{})
	srv := attesthttp.NewServer()
	srv.Addr = "127.0.0.1:0"
	srv.Events, srv.Tokens = st, st
	srv.Normalisers, srv.Generic = testNormalisers()
	secret := createToken(t, st, attesthttp.NewToken{Name: "ingest", Scope: "ingest"})
	st.beforeAppend = func() {
		close(started)
		<-release
	}
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	e := &env{srv: srv, store: st, url: srv.URL(), client: &http.Client{Timeout: 30 * time.Second}, secrets: map[string]string{"ingest": secret}}

	answer := make(chan response)
	go func() { answer <- e.do(t, "POST", "/api/v1/ingest/okta", "ingest", lines(2, "a")) }()
	<-started
	closed := make(chan error)
	go func() { closed <- srv.Close() }()
	time.Sleep(100 * time.Millisecond) // Close is now waiting for the batch
	select {
	case err := <-closed:
		t.Fatalf("Close returned %v before the batch in flight finished", err)
	default:
	}
	close(release)
	if r := <-answer; r.status != 200 {
		t.Errorf("batch in flight during Close: %d %s, want 200", r.status, r.body)
	}
	if err := <-closed; err != nil {
		t.Errorf("Close: %v", err)
	}
	if n := st.count(); n != 2+1 { // two events and the token creation
		t.Errorf("%d events stored, want 3", n)
	}
	if _, err := http.Get(e.url + "/healthz"); err == nil {
		t.Error("the server still answers after Close")
	}
}

// TestServer_TLS serves HTTPS with a certificate from files.
func TestServer_TLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	pool := writeSelfSigned(t, certFile, keyFile)

	st := newMemStore()
	e := newEnv(t, st, func(s *attesthttp.Server) { s.TLSCert, s.TLSKey = certFile, keyFile })
	if !strings.HasPrefix(e.url, "https://") {
		t.Fatalf("URL %s, want https", e.url)
	}
	e.client.Transport = &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}
	decode[ingestAnswer](t, e.do(t, "POST", "/api/v1/ingest/okta", "ingest", lines(1, "a")), 200)
	if resp, err := http.Get(strings.Replace(e.url, "https://", "http://", 1) + "/healthz"); err == nil && resp.StatusCode == 200 {
		t.Error("plain HTTP answered on the TLS listener")
	}

	for _, tt := range []struct{ name, cert, key, want string }{
		{"missing key", certFile, "", "set both"},
		{"unreadable cert", filepath.Join(dir, "nope.pem"), keyFile, "load tls key pair"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := attesthttp.NewServer()
			srv.Addr, srv.Events, srv.Tokens = "127.0.0.1:0", st, st
			srv.TLSCert, srv.TLSKey = tt.cert, tt.key
			err := srv.Open()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Open: %v, want %q", err, tt.want)
			}
		})
	}
}

// writeSelfSigned writes a certificate for 127.0.0.1 and its key, and
// returns a pool that trusts it.
func writeSelfSigned(t *testing.T, certFile, keyFile string) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "attest test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return pool
}

// TestServer_MaxConcurrentIngest checks that ingest requests over the limit
// wait their turn and are then served.
func TestServer_MaxConcurrentIngest(t *testing.T) {
	st := newMemStore()
	var entered atomic.Int32
	release := make(chan struct{})
	secret := createToken(t, st, attesthttp.NewToken{Name: "ingest", Scope: "ingest"})
	st.beforeAppend = func() {
		entered.Add(1)
		<-release
	}
	e := newEnvNoTokens(t, st, func(s *attesthttp.Server) { s.MaxConcurrentIngest = 1 })
	e.secrets["ingest"] = secret

	answers := make(chan int, 3)
	for range 3 {
		go func() { answers <- e.do(t, "POST", "/api/v1/ingest/okta", "ingest", lines(1, "a")).status }()
	}
	deadline := time.Now().Add(10 * time.Second)
	for entered.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	if n := entered.Load(); n != 1 {
		t.Fatalf("%d requests storing at once, want 1", n)
	}
	close(release)
	for range 3 {
		if status := <-answers; status != 200 {
			t.Errorf("status %d, want 200", status)
		}
	}
	if n := entered.Load(); n != 3 {
		t.Errorf("%d appends, want 3", n)
	}
}
