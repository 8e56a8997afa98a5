package evidence_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/evidence"
	et "github.com/attest-dev/attest/evidence/evidencetest"
)

// TestReadScan reads what the dashboard and the reports need of a scan:
// roots, failures, waived findings with their exceptions, the exceptions
// the scan reported expired and stale, and whether it was complete.
func TestReadScan(t *testing.T) {
	x := &attest.Exception{RuleID: "k8s-privileged", Resource: "pod.a", Owner: "alice", Justification: "agent",
		Expires: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Source: attest.Pos{File: ".attest.yaml", Line: 4}}
	body := et.ScanBody(time.Now(), true,
		et.Verdict{Rule: "aws-s3-encryption", Resource: "bucket.a", Status: attest.StatusFail, Root: "web"},
		et.Verdict{Rule: "aws-s3-encryption", Resource: "bucket.b", Status: attest.StatusPass, Root: "db"},
		et.Verdict{Rule: "k8s-privileged", Resource: "pod.a", Status: attest.StatusWaived, Root: "web", Exception: x},
	)
	body = bytes.Replace(body, []byte("\n  \"summary\":"), []byte(`
  "stale_exceptions": [{"exception": {"rule_id": "aws-s3-encryption", "resource": "gone", "justification": "old", "source": {"file": ".attest.yaml", "line": 9}}, "reason": "matched no resource"}],
  "expired_exceptions": [{"rule_id": "aws-s3-encryption", "resource": "bucket.a", "justification": "was", "expires": "2020-01-01T00:00:00Z", "source": {"file": ".attest.yaml", "line": 12}}],
  "summary":`), 1)
	s, err := evidence.ReadScan(&attest.Evidence{ID: 7, Kind: attest.EvidenceScan, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Roots, []string{"web", "db"}) || len(s.Failures) != 1 || s.Failures[0].Resource != "bucket.a" || !s.Incomplete {
		t.Errorf("roots %v, failures %v, incomplete %v", s.Roots, s.Failures, s.Incomplete)
	}
	if len(s.Waived) != 1 || s.Waived[0].Root != "web" || s.Waived[0].Exception == nil || s.Waived[0].Exception.Owner != "alice" ||
		!s.Waived[0].Exception.Expires.Equal(x.Expires) || len(s.Exceptions) != 1 {
		t.Errorf("waived %+v, exceptions %+v", s.Waived, s.Exceptions)
	}
	if len(s.Stale) != 1 || s.Stale[0].Reason != "matched no resource" || s.Stale[0].Exception.Source.Line != 9 ||
		len(s.Expired) != 1 || s.Expired[0].Source.Line != 12 {
		t.Errorf("stale %+v, expired %+v", s.Stale, s.Expired)
	}
	if v := s.Verdicts["aws-s3-encryption"]; v[attest.StatusFail] != 1 || v[attest.StatusPass] != 1 {
		t.Errorf("verdicts %v", s.Verdicts)
	}

	t.Run("as lenient as the upload check", func(t *testing.T) {
		// Accepted at upload by encoding/json: a repeated key (the last
		// wins), invalid UTF-8, a key in another case.
		lenient := bytes.Replace(body, []byte(`"roots":`), []byte(`"roots": ["first"], "Roots":`), 1)
		lenient = bytes.Replace(lenient, []byte(`on bucket.a"`), []byte("on bucket.a \xff\""), 1)
		s, err := evidence.ReadScan(&attest.Evidence{ID: 8, Kind: attest.EvidenceScan, Body: lenient})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(s.Roots, []string{"web", "db"}) || !strings.HasSuffix(s.Failures[0].Message, "\uFFFD") {
			t.Errorf("roots %v, message %q", s.Roots, s.Failures[0].Message)
		}
	})
	t.Run("refused", func(t *testing.T) {
		for _, b := range []string{`{"findings": [`, `[]`, `{"findings": {}}`} {
			if _, err := evidence.ReadScan(&attest.Evidence{ID: 9, Kind: attest.EvidenceScan, Body: []byte(b)}); err == nil || !strings.Contains(err.Error(), "evidence 9") {
				t.Errorf("%s: %v, want an error naming the evidence", b, err)
			}
		}
		if _, err := evidence.ReadScan(&attest.Evidence{ID: 10, Kind: attest.EvidenceVulns, Body: body}); err == nil {
			t.Error("a vulnerability report read as a scan")
		}
	})
}

// BenchmarkReadScan decodes a scan of 5,000 findings over four roots, a
// tenth failing (1.8 MB): what the dashboard does once per scan.
func BenchmarkReadScan(b *testing.B) {
	var vs []et.Verdict
	for i := range 5000 {
		st := attest.StatusPass
		if i%10 == 0 {
			st = attest.StatusFail
		}
		vs = append(vs, et.Verdict{Rule: et.Rules[i%3].ID, Resource: fmt.Sprintf("resource.r%d", i), Status: st, Root: fmt.Sprintf("stacks/env-%d", i%4)})
	}
	e := &attest.Evidence{Kind: attest.EvidenceScan, Body: et.ScanBody(time.Now(), false, vs...)}
	b.SetBytes(int64(len(e.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := evidence.ReadScan(e); err != nil {
			b.Fatal(err)
		}
	}
}
