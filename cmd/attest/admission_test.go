package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	admissionv1 "k8s.io/api/admission/v1"
)

func TestRun_admissionCerts(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "certs")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"admission", "certs", "--dns", "attest.attest.svc,127.0.0.1", "--out", dir, "--days", "30"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	ca, err := os.ReadFile(filepath.Join(dir, "ca.crt"))
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := base64.StdEncoding.DecodeString(strings.TrimSpace(out.String()))
	if err != nil || !bytes.Equal(bundle, ca) {
		t.Fatalf("stdout is not the base64 of ca.crt: %q", out.String())
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(ca)
	for _, f := range []struct {
		cert, key string
		usage     x509.ExtKeyUsage
		dns       string
	}{
		{"tls.crt", "tls.key", x509.ExtKeyUsageServerAuth, "attest.attest.svc"},
		{"client.crt", "client.key", x509.ExtKeyUsageClientAuth, ""},
	} {
		pair, err := tls.LoadX509KeyPair(filepath.Join(dir, f.cert), filepath.Join(dir, f.key))
		if err != nil {
			t.Fatal(err)
		}
		leaf, _ := x509.ParseCertificate(pair.Certificate[0])
		if _, err := leaf.Verify(x509.VerifyOptions{Roots: roots, DNSName: f.dns, KeyUsages: []x509.ExtKeyUsage{f.usage}}); err != nil {
			t.Errorf("%s: %v", f.cert, err)
		}
		if d := leaf.NotAfter.Sub(leaf.NotBefore); d < 29*24*time.Hour || d > 31*24*time.Hour {
			t.Errorf("%s valid for %s, want 30 days", f.cert, d)
		}
		info, _ := os.Stat(filepath.Join(dir, f.key))
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", f.key, info.Mode().Perm())
		}
	}
	if code := run(context.Background(), []string{"admission", "certs", "--out", dir}, nil, io.Discard, io.Discard); code != exitInput {
		t.Errorf("without --dns: exit %d, want %d", code, exitInput)
	}
}

// TestRun_serveAdmission runs attest serve as kube-apiserver meets it: over
// TLS with certificates from 'attest admission certs', the caller
// authenticated by its client certificate, the rules and exceptions of an
// .attest.yaml applied.
func TestRun_serveAdmission(t *testing.T) {
	dir := t.TempDir()
	certs := filepath.Join(dir, "certs")
	if code := run(context.Background(), []string{"admission", "certs", "--dns", "127.0.0.1", "--out", certs}, nil, io.Discard, io.Discard); code != 0 {
		t.Fatal("admission certs failed")
	}
	project := filepath.Join(dir, ".attest.yaml")
	os.WriteFile(project, []byte(`fail_on: high
exceptions:
  - rule: k8s-pod-privileged
    resource: Pod/payments/debug
    justification: the debug pod of the payments on-call
    owner: payments-oncall
    expires: 2099-01-01
`), 0o600)
	config := filepath.Join(dir, "serve.yaml")
	os.WriteFile(config, []byte(`admission:
  enabled: true
  default_mode: enforce
  namespaces:
    kube-system: "off"
  config: `+project+`
`), 0o600)
	db := filepath.Join(dir, "attest.db")
	initDB(t, db)
	var tokOut bytes.Buffer
	if code := run(context.Background(), []string{"token", "create", "--db", db, "--scope", "evidence", "--name", "ci"}, nil, &tokOut, io.Discard); code != 0 {
		t.Fatal("token create failed")
	}
	ciToken := strings.TrimSpace(tokOut.String())
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int)
	var serveErr lockedBuffer
	go func() {
		done <- run(ctx, []string{"serve", "--config", config, "--db", db, "--addr", addr,
			"--tls-cert", filepath.Join(certs, "tls.crt"), "--tls-key", filepath.Join(certs, "tls.key"), "--client-ca", filepath.Join(certs, "ca.crt")}, nil, io.Discard, &serveErr)
	}()
	ca, _ := os.ReadFile(filepath.Join(certs, "ca.crt"))
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(ca)
	pair, err := tls.LoadX509KeyPair(filepath.Join(certs, "client.crt"), filepath.Join(certs, "client.key"))
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, Certificates: []tls.Certificate{pair}}}}
	base := "https://" + addr
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		resp, err := client.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not ready: %v; log:\n%s", err, serveErr.String())
		}
	}
	// CI uploads the reports of the images, as attest vulns merge --upload
	// does.
	for _, f := range []string{"payments-api-1.4.2.json", "legacy-api-0.9.0.json"} {
		body, err := os.ReadFile(filepath.Join("..", "..", "admission", "testdata", "reports", f))
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("POST", base+"/api/v1/evidence/vulns", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+ciToken)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 201 {
			t.Fatalf("upload %s: %d %s", f, resp.StatusCode, msg)
		}
	}
	review := func(fixture string, edit func(*admissionv1.AdmissionReview)) *admissionv1.AdmissionResponse {
		t.Helper()
		body, err := os.ReadFile(filepath.Join("..", "..", "admission", "testdata", "reviews", fixture))
		if err != nil {
			t.Fatal(err)
		}
		var r admissionv1.AdmissionReview
		json.Unmarshal(body, &r)
		if edit != nil {
			edit(&r)
		}
		body, _ = json.Marshal(r)
		resp, err := client.Post(base+"/api/v1/admission/validate", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out admissionv1.AdmissionReview
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 || out.Response == nil {
			t.Fatalf("%s: status %d err %v", fixture, resp.StatusCode, err)
		}
		return out.Response
	}
	// The register waives the privileged pod named debug, and no other.
	if r := review("pod-privileged.json", nil); !r.Allowed {
		t.Errorf("the register's exception did not waive: %+v", r.Result)
	}
	if r := review("pod-privileged.json", func(r *admissionv1.AdmissionReview) {
		r.Request.UID += "-rogue"
		r.Request.Object.Raw = bytes.Replace(r.Request.Object.Raw, []byte(`"name": "debug"`), []byte(`"name": "rogue"`), 1)
	}); r.Allowed || !strings.Contains(r.Result.Message, "k8s-pod-privileged") {
		t.Errorf("a privileged pod the register does not name: %+v", r)
	}
	if r := review("pod-privileged.json", func(r *admissionv1.AdmissionReview) {
		r.Request.UID += "-kube-system"
		r.Request.Namespace = "kube-system"
	}); !r.Allowed {
		t.Errorf("kube-system is off, yet: %+v", r.Result)
	}
	if r := review("pod-compliant.json", nil); !r.Allowed {
		t.Errorf("a compliant pod was denied: %+v", r.Result)
	}
	if r := review("pod-vulnerable.json", nil); r.Allowed || !strings.Contains(r.Result.Message, "CVE-2026-20001") {
		t.Errorf("a pod whose image has an unwaived critical vulnerability: %+v", r)
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
	if !strings.Contains(serveErr.String(), "admission webhook enabled") {
		t.Errorf("no admission line in the log:\n%s", serveErr.String())
	}
}
