package admission_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/admission"
	"github.com/attest-dev/attest/iac/kubernetes"
	"github.com/attest-dev/attest/scan"
	"k8s.io/apimachinery/pkg/types"
)

// reportLatency adds the median and the 99th percentile of the iterations
// to a benchmark's results.
func reportLatency(b *testing.B, ds []time.Duration) {
	slices.Sort(ds)
	if len(ds) == 0 {
		return
	}
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(ds[min(len(ds)-1, len(ds)*99/100)].Microseconds())/1000, "p99-ms")
}

// BenchmarkWebhook_Review is one whole decision as kube-apiserver asks for
// it: a compliant Deployment judged by every built-in rule, its image by
// the gate (the newest report of its digest read from SQLite and parsed),
// and the decision appended to the audit log in SQLite.
func BenchmarkWebhook_Review(b *testing.B) {
	w, _ := newWebhook(b, admission.Config{DefaultMode: admission.ModeEnforce, ImageGate: true})
	b.Logf("%d rules compiled", len(w.Engine.Rules()))
	for _, fixture := range []string{"deployment-compliant.json", "pod-privileged.json"} {
		b.Run(fixture, func(b *testing.B) {
			req := readReview(b, fixture).Request
			uid := req.UID
			ds := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				req.UID = uid + types.UID(fmt.Sprint("-", i))
				start := time.Now()
				if _, err := w.Review(context.Background(), req); err != nil {
					b.Fatal(err)
				}
				ds = append(ds, time.Since(start))
			}
			b.StopTimer()
			reportLatency(b, ds)
		})
	}
}

// BenchmarkJudge is the rule evaluation of one decision alone (scan.Judge
// on one object), the baseline of BenchmarkWebhook_Review.
func BenchmarkJudge(b *testing.B) {
	engine := builtinEngine(b)
	req := readReview(b, "deployment-compliant.json").Request
	obj, err := kubernetes.DecodeObject(req.Object.Raw)
	if err != nil {
		b.Fatal(err)
	}
	res := []attest.Resource{kubernetes.ObjectResource(obj, admission.Root, attest.Range{})}
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, _, _, err := scan.Judge(context.Background(), engine, res, nil, fixedNow); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	b.StopTimer()
	reportLatency(b, ds)
}
