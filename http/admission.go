package http

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net/http"
	"os"

	"github.com/attest-dev/attest"
	admissionv1 "k8s.io/api/admission/v1"
)

// Admitter judges admission requests (admission.Webhook).
type Admitter interface {
	// Review answers one request. An error means the object could not be
	// judged: EINVALID when it does not decode, EUNAVAILABLE when the store
	// cannot be reached; it is answered with an error status, and
	// kube-apiserver applies the webhook's failurePolicy.
	Review(ctx context.Context, req *admissionv1.AdmissionRequest) (*admissionv1.AdmissionResponse, error)
}

// admissionAPIVersion is the only AdmissionReview version the webhook
// speaks; the ValidatingWebhookConfiguration lists it in
// admissionReviewVersions.
const admissionAPIVersion = "admission.k8s.io/v1"

// maxAdmissionBody bounds an AdmissionReview: kube-apiserver refuses
// objects over 3 MiB, and an UPDATE carries two.
const maxAdmissionBody = 7 << 20

// requireAdmission authenticates the caller of the admission endpoint:
// kube-apiserver, by a client certificate that ClientCAs verified during the
// TLS handshake, or by a bearer token of scope admission (or admin), as
// the webhook's kubeconfig gives it.
func (s *Server) requireAdmission(next http.Handler) http.Handler {
	withToken := s.require(next, attest.ScopeAdmission)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.clientCAs != nil && r.TLS != nil && len(r.TLS.VerifiedChains) > 0 {
			next.ServeHTTP(w, r)
			return
		}
		withToken.ServeHTTP(w, r)
	})
}

// loadClientCAs reads the PEM bundle of ClientCAFile.
func loadClientCAs(file string) (*x509.CertPool, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read client CA bundle: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		return nil, fmt.Errorf("client CA bundle %s holds no PEM certificate", file)
	}
	return pool, nil
}

func (s *Server) handleAdmission(w http.ResponseWriter, r *http.Request) {
	if s.Admission == nil {
		s.writeError(w, r, attest.Errorf(attest.ENOTFOUND, "the admission webhook is not enabled on this server (admission.enabled in the serve config)"))
		return
	}
	body, err := s.readBodyWithin(w, r, min(s.MaxBodyBytes, maxAdmissionBody))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var review admissionv1.AdmissionReview
	if err := json.Unmarshal(body, &review); err != nil {
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "AdmissionReview: %v", err))
		return
	}
	switch {
	case review.APIVersion != admissionAPIVersion || review.Kind != "AdmissionReview":
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "AdmissionReview: apiVersion %q kind %q: want %s AdmissionReview (admissionReviewVersions: [v1])", review.APIVersion, review.Kind, admissionAPIVersion))
		return
	case review.Request == nil:
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "AdmissionReview: no request"))
		return
	case review.Request.UID == "":
		s.writeError(w, r, attest.Errorf(attest.EINVALID, "AdmissionReview: request has no uid"))
		return
	}
	resp, err := s.Admission.Review(r.Context(), review.Request)
	if err != nil {
		s.storeError("admission_review", err)
		s.metrics.admissionDecisions.WithLabelValues("error").Inc()
		s.writeError(w, r, err)
		return
	}
	outcome := "allowed"
	if !resp.Allowed {
		outcome = "denied"
	}
	s.metrics.admissionDecisions.WithLabelValues(outcome).Inc()
	resp.UID = review.Request.UID
	writeJSON(w, http.StatusOK, admissionv1.AdmissionReview{TypeMeta: review.TypeMeta, Response: resp})
}
