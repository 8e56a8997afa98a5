package http_test

import (
	"bytes"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/admission"
	attesthttp "github.com/attest-dev/attest/http"
)

// writeCerts makes webhook certificates for the loopback address and
// writes them into a folder.
func writeCerts(t *testing.T) (string, *admission.Certs) {
	t.Helper()
	c, err := admission.NewCerts([]string{"127.0.0.1", "localhost"}, time.Now(), time.Hour, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{"ca.crt": c.CA, "tls.crt": c.ServerCert, "tls.key": c.ServerKey} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir, c
}

// TestServer_AdmissionTLS authenticates kube-apiserver the two ways its
// webhook kubeconfig allows: a client certificate the configured CA
// verifies, or a bearer token of scope admission.
func TestServer_AdmissionTLS(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "attest.db"))
	dir, certs := writeCerts(t)
	srv := attesthttp.NewServer()
	srv.Addr = "127.0.0.1:0"
	srv.Events, srv.Tokens = st, st
	srv.TLSCert, srv.TLSKey = filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key")
	srv.ClientCAFile = filepath.Join(dir, "ca.crt")
	withAdmission(t, st)(srv)
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	if !strings.HasPrefix(srv.URL(), "https://") {
		t.Fatalf("URL %s is not https", srv.URL())
	}
	secret := createToken(t, st, attesthttp.NewToken{Name: "kube-apiserver", Scope: attest.ScopeAdmission})

	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(certs.CA) // the caBundle
	clientPair, err := tls.X509KeyPair(certs.ClientCert, certs.ClientKey)
	if err != nil {
		t.Fatal(err)
	}
	_, other := writeCerts(t)
	otherPair, _ := tls.X509KeyPair(other.ClientCert, other.ClientKey)

	post := func(t *testing.T, certs []tls.Certificate, token string) (int, error) {
		t.Helper()
		c := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, Certificates: certs}}}
		req, _ := http.NewRequest("POST", srv.URL()+"/api/v1/admission/validate", bytes.NewReader(reviewFixture(t, "pod-compliant.json")))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := c.Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	t.Run("client certificate", func(t *testing.T) {
		if status, err := post(t, []tls.Certificate{clientPair}, ""); err != nil || status != 200 {
			t.Errorf("status %d err %v", status, err)
		}
	})
	t.Run("token", func(t *testing.T) {
		if status, err := post(t, nil, secret); err != nil || status != 200 {
			t.Errorf("status %d err %v", status, err)
		}
	})
	t.Run("neither", func(t *testing.T) {
		if status, err := post(t, nil, ""); err != nil || status != 401 {
			t.Errorf("status %d err %v, want 401", status, err)
		}
	})
	t.Run("certificate of another CA", func(t *testing.T) {
		if status, err := post(t, []tls.Certificate{otherPair}, secret); err == nil {
			t.Errorf("status %d: a client certificate the CA did not sign was accepted", status)
		}
	})
	t.Run("client certificate is no credential elsewhere", func(t *testing.T) {
		c := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, Certificates: []tls.Certificate{clientPair}}}}
		resp, err := c.Get(srv.URL() + "/api/v1/events")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 401 {
			t.Errorf("GET /api/v1/events with only a client certificate: %d, want 401", resp.StatusCode)
		}
	})
}

func TestServer_ClientCAWithoutTLS(t *testing.T) {
	st := openSQLite(t, filepath.Join(t.TempDir(), "attest.db"))
	dir, _ := writeCerts(t)
	srv := attesthttp.NewServer()
	srv.Addr = "127.0.0.1:0"
	srv.Events, srv.Tokens = st, st
	srv.ClientCAFile = filepath.Join(dir, "ca.crt")
	if err := srv.Open(); err == nil || !strings.Contains(err.Error(), "needs TLS") {
		srv.Close()
		t.Fatalf("err %v, want a refusal: client certificates need TLS", err)
	}
}
