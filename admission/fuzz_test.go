package admission_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/attest-dev/attest/admission"
	"github.com/attest-dev/attest/iac/kubernetes"
	admissionv1 "k8s.io/api/admission/v1"
)

// FuzzWebhook_Review feeds the webhook AdmissionReviews as the HTTP handler
// decodes them, from strangers' clusters or a confused caller. A review is
// answered or refused with an error, never a panic; under enforce, an
// object of a create or update that cannot be read is never allowed.
func FuzzWebhook_Review(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "reviews", "*.json"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no review fixtures: %v", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","operation":"CREATE","object":{"kind":"Pod"}}}`))
	f.Add([]byte(`{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","operation":"UPDATE","object":[],"oldObject":"x"}}`))
	w, _ := newWebhook(f, admission.Config{DefaultMode: admission.ModeEnforce, ImageGate: true})
	f.Fuzz(func(t *testing.T, data []byte) {
		var review admissionv1.AdmissionReview
		if json.Unmarshal(data, &review) != nil || review.Request == nil || review.Request.UID == "" {
			return // the handler answers 400 before the webhook sees it
		}
		req := review.Request
		resp, err := w.Review(context.Background(), req)
		if err != nil {
			return
		}
		if resp == nil {
			t.Fatal("no response and no error")
		}
		if !resp.Allowed && (resp.Result == nil || resp.Result.Message == "") {
			t.Errorf("denied without a reason: %+v", resp)
		}
		judged := (req.Operation == admissionv1.Create || req.Operation == admissionv1.Update) &&
			(req.SubResource == "" || req.SubResource == "ephemeralcontainers") &&
			w.Config.Mode(req.Namespace) == admission.ModeEnforce
		if !judged || !resp.Allowed {
			return
		}
		if _, err := kubernetes.DecodeObject(req.Object.Raw); err != nil {
			t.Errorf("allowed a %s whose object does not decode (%v): %s", req.Operation, err, data)
		}
	})
}
