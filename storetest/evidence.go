package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/evidence"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// NewEvidence returns a piece of evidence numbered i with its audit record:
// scans of two repositories and, every third, a vulnerability report
// covering two image digests. The body is any bytes: the store keeps them
// as they are (evidence.New is what checks that they are a report).
func NewEvidence(i int, received time.Time) (*attest.Evidence, *attest.Event) {
	body := fmt.Appendf(nil, `{"schema_version":"1","n":%d,"note":"<script>alert(1)</script>"}`, i)
	sum := sha256.Sum256(body)
	e := &attest.Evidence{
		Kind:       attest.EvidenceScan,
		Repository: []string{"github.com/acme/infra", "gitlab.com/acme/payments"}[i%2],
		Commit:     fmt.Sprintf("%040x", i+1),
		Branch:     []string{"main", "release/1.2"}[i%2],
		Pipeline:   fmt.Sprintf("https://ci.example.com/runs/%d", i),
		Uploader:   "ci-token",
		Received:   received,
		SHA256:     hex.EncodeToString(sum[:]),
		Body:       body,
	}
	if i%3 != 2 {
		// Scans cover roots, one shared by all and one of their own,
		// in byte order as the store returns them.
		e.Roots = []string{"stacks/<web>", fmt.Sprintf("stacks/app-%d", i), "Stacks/Z"}
		slices.Sort(e.Roots)
	}
	if i%3 == 2 {
		e.Kind = attest.EvidenceVulns
		e.Release = fmt.Sprintf("v1.%d.0", i)
		e.Digests = []string{digest(i), digest(1000)}
		slices.Sort(e.Digests) // as the store returns them
	}
	return e, attest.NewEvidenceRecord(e, "ci-token", received)
}

func digest(i int) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "image %d", i))
	return "sha256:" + hex.EncodeToString(sum[:])
}

func mustAddEvidence(t *testing.T, s Store, n int) []*attest.Evidence {
	t.Helper()
	var out []*attest.Evidence
	for i := range n {
		e, rec := NewEvidence(i, base.Add(time.Duration(i)*time.Hour))
		if err := s.AddEvidence(context.Background(), e, rec); err != nil {
			t.Fatalf("AddEvidence %d: %v", i, err)
		}
		out = append(out, e)
	}
	return out
}

func ids(es []*attest.Evidence) []int64 {
	out := make([]int64, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func testEvidence(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t).Store
		mustAppend(t, s, NewEvents(0, 3))
		e, rec := NewEvidence(2, base)
		want := *e
		if err := s.AddEvidence(ctx, e, rec); err != nil {
			t.Fatalf("AddEvidence: %v", err)
		}
		if e.ID <= 0 || e.Seq != 3 || rec.Seq != 3 {
			t.Errorf("id %d, seq %d, record seq %d; want an id and seq 3 (after 3 events)", e.ID, e.Seq, rec.Seq)
		}
		want.ID, want.Seq = e.ID, 3
		got, err := s.EvidenceByID(ctx, e.ID)
		if err != nil {
			t.Fatalf("EvidenceByID: %v", err)
		}
		if diff := cmp.Diff(&want, got, eventCmp); diff != "" {
			t.Errorf("evidence mismatch (-want +got):\n%s", diff)
		}
		if string(got.Body) != string(want.Body) {
			t.Errorf("body = %q, want %q", got.Body, want.Body)
		}
		list, err := s.FindEvidence(ctx, attest.EvidenceFilter{})
		if err != nil || len(list) != 1 {
			t.Fatalf("FindEvidence = %v, %v", list, err)
		}
		if list[0].Body != nil {
			t.Error("FindEvidence returned a body")
		}
		want.Body = nil
		if diff := cmp.Diff(&want, list[0], eventCmp); diff != "" {
			t.Errorf("listed evidence mismatch (-want +got):\n%s", diff)
		}
		// The audit record commits to the body's hash.
		r, err := s.EventBySeq(ctx, e.Seq)
		if err != nil {
			t.Fatalf("EventBySeq: %v", err)
		}
		var raw struct{ Action, Kind, Repository, Commit, SHA256 string }
		if err := json.Unmarshal(r.Raw, &raw); err != nil {
			t.Fatalf("record raw %q: %v", r.Raw, err)
		}
		if r.Source != "attest" || r.Action != "evidence.upload" || r.ExternalID != "sha256:"+e.SHA256 ||
			raw.SHA256 != e.SHA256 || raw.Kind != e.Kind || raw.Repository != e.Repository || raw.Commit != e.Commit {
			t.Errorf("audit record %+v raw %s does not commit to the evidence", r, r.Raw)
		}
		if _, err := s.EvidenceByID(ctx, e.ID+100); attest.ErrorCode(err) != attest.ENOTFOUND {
			t.Errorf("unknown id: %v, want ENOTFOUND", err)
		}
	})
	t.Run("Filters", func(t *testing.T) {
		s := open(t).Store
		all := mustAddEvidence(t, s, 9)
		slices.Reverse(all) // newest first
		pick := func(keep func(e *attest.Evidence) bool) []int64 {
			var out []int64
			for _, e := range all {
				if keep(e) {
					out = append(out, e.ID)
				}
			}
			return out
		}
		for _, tc := range []struct {
			name string
			f    attest.EvidenceFilter
			want []int64
		}{
			{"all", attest.EvidenceFilter{}, ids(all)},
			{"kind", attest.EvidenceFilter{Kind: attest.EvidenceVulns}, pick(func(e *attest.Evidence) bool { return e.Kind == attest.EvidenceVulns })},
			{"repository", attest.EvidenceFilter{Repository: "gitlab.com/acme/payments"}, pick(func(e *attest.Evidence) bool { return e.Repository == "gitlab.com/acme/payments" })},
			{"branch", attest.EvidenceFilter{Branch: "main", Kind: attest.EvidenceScan}, pick(func(e *attest.Evidence) bool { return e.Branch == "main" && e.Kind == attest.EvidenceScan })},
			{"digest of one", attest.EvidenceFilter{Digest: digest(5)}, pick(func(e *attest.Evidence) bool { return slices.Contains(e.Digests, digest(5)) })},
			{"digest of all vulns", attest.EvidenceFilter{Digest: digest(1000)}, pick(func(e *attest.Evidence) bool { return e.Kind == attest.EvidenceVulns })},
			{"unknown digest", attest.EvidenceFilter{Digest: digest(7)}, nil},
			{"root of one", attest.EvidenceFilter{Root: "stacks/app-4"}, pick(func(e *attest.Evidence) bool { return slices.Contains(e.Roots, "stacks/app-4") })},
			{"root of all scans", attest.EvidenceFilter{Root: "stacks/<web>", BeforeID: all[1].ID, Limit: 2}, pick(func(e *attest.Evidence) bool {
				return e.Kind == attest.EvidenceScan && e.ID < all[1].ID && e.ID >= all[4].ID
			})},
			{"unknown root", attest.EvidenceFilter{Root: "stacks/app-2"}, nil},
			{"time", attest.EvidenceFilter{From: base.Add(2 * time.Hour), To: base.Add(5 * time.Hour)}, pick(func(e *attest.Evidence) bool {
				return !e.Received.Before(base.Add(2*time.Hour)) && e.Received.Before(base.Add(5*time.Hour))
			})},
			{"page", attest.EvidenceFilter{BeforeID: all[2].ID, Limit: 3}, ids(all[3:6])},
		} {
			got, err := s.FindEvidence(ctx, tc.f)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if diff := cmp.Diff(tc.want, ids(got), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s: ids (-want +got):\n%s", tc.name, diff)
			}
		}
		for _, e := range all {
			got, err := s.FindEvidence(ctx, attest.EvidenceFilter{Repository: e.Repository, BeforeID: e.ID + 1, Limit: 1})
			if err != nil || len(got) != 1 || !slices.Equal(got[0].Roots, e.Roots) {
				t.Errorf("roots of evidence %d = %v, %v; want %v", e.ID, got, err, e.Roots)
			}
		}
		got, _ := s.FindEvidence(ctx, attest.EvidenceFilter{Digest: digest(5)})
		if len(got) != 1 || !slices.Equal(got[0].Digests, all[slices.IndexFunc(all, func(e *attest.Evidence) bool { return e.ID == got[0].ID })].Digests) {
			t.Errorf("digests of a listed report = %v", got)
		}
		if _, err := s.FindEvidence(ctx, attest.EvidenceFilter{Limit: -1}); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("negative limit: %v, want EINVALID", err)
		}
	})
	t.Run("OneTransaction", func(t *testing.T) {
		s := open(t).Store
		e, rec := NewEvidence(0, base)
		if err := s.AddEvidence(ctx, e, nil); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("no record: %v, want EINVALID", err)
		}
		other, _ := NewEvidence(1, base)
		if err := s.AddEvidence(ctx, e, attest.NewEvidenceRecord(other, "x", base)); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("record of another body: %v, want EINVALID", err)
		}
		bad := *rec
		bad.Source = "" // the log refuses it
		if err := s.AddEvidence(ctx, e, &bad); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("record the log refuses: %v, want EINVALID", err)
		}
		edited := *e
		edited.Body = []byte("something else")
		if err := s.AddEvidence(ctx, &edited, rec); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("body that does not hash to SHA256: %v, want EINVALID", err)
		}
		badDigest := *e
		badDigest.Digests = []string{"sha256:XYZ"}
		if err := s.AddEvidence(ctx, &badDigest, rec); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("bad digest: %v, want EINVALID", err)
		}
		for _, roots := range [][]string{{""}, {"a\x00b"}, {"\xff"}, make([]string, attest.MaxEvidenceRoots+1)} {
			badRoots := *e
			badRoots.Roots = roots
			if err := s.AddEvidence(ctx, &badRoots, rec); attest.ErrorCode(err) != attest.EINVALID {
				t.Errorf("roots %.40q: %v, want EINVALID", roots, err)
			}
		}
		badText := *e
		badText.Repository = "acme\x00infra"
		if err := s.AddEvidence(ctx, &badText, rec); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("NUL in repository: %v, want EINVALID", err)
		}
		if list, _ := s.FindEvidence(ctx, attest.EvidenceFilter{}); len(list) != 0 {
			t.Errorf("refused uploads left evidence: %v", list)
		}
		if evs, _ := s.FindEvents(ctx, attest.EventFilter{AfterSeq: -1}); len(evs) != 0 {
			t.Errorf("refused uploads left audit records: %v", evs)
		}
	})
	t.Run("GuardsRefuse", func(t *testing.T) {
		h := open(t)
		mustAddEvidence(t, h.Store, 3)
		for _, q := range []string{
			"UPDATE evidence SET body = " + h.Blob([]byte("{}")),
			"UPDATE evidence SET repository = 'elsewhere'",
			"DELETE FROM evidence",
			"DELETE FROM evidence_digests",
			"DELETE FROM evidence_roots",
			"UPDATE evidence_roots SET root = 'elsewhere'",
		} {
			if err := h.Exec(q); err == nil {
				t.Errorf("%s: accepted with guards on", q)
			}
		}
	})
	t.Run("Verify", func(t *testing.T) {
		h := open(t)
		l := newLog(t, h.Store)
		mustAppend(t, h.Store, NewEvents(0, 5))
		es := mustAddEvidence(t, h.Store, 4)
		publish(t, l)
		verify := func() *evidence.VerifyReport {
			t.Helper()
			rep, err := evidence.Verify(ctx, h.Store, h.Store)
			if err != nil {
				t.Fatalf("evidence.Verify: %v", err)
			}
			lrep, err := auditlog.Verify(ctx, h.Store, l.Verifier, auditlog.VerifyOptions{})
			if err != nil || !lrep.OK() {
				t.Fatalf("auditlog.Verify = %v, %v: the log itself must verify", lrep, err)
			}
			return rep
		}
		if rep := verify(); !rep.OK() || rep.Evidence != 4 {
			t.Fatalf("untouched evidence: %+v", rep)
		}
		// An attacker with the database edits a body, then another body
		// and its stored hash, then deletes a third: each is named.
		h.Tamper(t, fmt.Sprintf("UPDATE evidence SET body = %s WHERE id = %d", h.Blob([]byte(`{"findings":[]}`)), es[1].ID))
		forged := []byte(`{"schema_version":"1","forged":true}`)
		sum := sha256.Sum256(forged)
		h.Tamper(t, fmt.Sprintf("UPDATE evidence SET body = %s, sha256 = '%s' WHERE id = %d", h.Blob(forged), hex.EncodeToString(sum[:]), es[2].ID))
		h.Tamper(t, fmt.Sprintf("DELETE FROM evidence_digests WHERE evidence_id = %d", es[3].ID))
		h.Tamper(t, fmt.Sprintf("DELETE FROM evidence_roots WHERE evidence_id = %d", es[3].ID))
		h.Tamper(t, fmt.Sprintf("DELETE FROM evidence WHERE id = %d", es[3].ID))
		rep := verify()
		got := map[int64]string{}
		for _, p := range rep.Problems {
			got[p.Seq] = p.Detail
		}
		if len(rep.Problems) != 3 || !strings.Contains(got[es[1].Seq], "changed after upload") ||
			!strings.Contains(got[es[2].Seq], "changed after upload") || !strings.Contains(got[es[3].Seq], "no evidence is stored") {
			t.Errorf("problems = %v; want the edited bodies %d and %d and the deleted %d", rep.Problems, es[1].Seq, es[2].Seq, es[3].Seq)
		}
	})
	t.Run("Snapshots", func(t *testing.T) { testSnapshots(t, open) })
}

func testSnapshots(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	h := open(t)
	s := h.Store
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	snap := func(d time.Time, status string) []attest.ControlStatus {
		return []attest.ControlStatus{
			{Framework: "soc2", Control: "CC6.1", Day: d, Status: status, Evidence: []int64{3, 4}},
			{Framework: "soc2", Control: "CC7.2", Day: d, Status: attest.ControlNoEvidence},
			{Framework: "soc2", Control: "CC6.10", Day: d, Status: attest.StatusFail, Evidence: []int64{4}, Alerts: []int64{9}},
		}
	}
	for i := range 3 {
		d := day.AddDate(0, 0, i)
		stored, err := s.AddControlStatuses(ctx, "soc2", d, snap(d, attest.StatusPass))
		if err != nil || !stored {
			t.Fatalf("AddControlStatuses %s = %v, %v", d, stored, err)
		}
	}
	// A second snapshot of a stored day is not stored: the first stays.
	stored, err := s.AddControlStatuses(ctx, "soc2", day, snap(day, attest.ControlIncomplete))
	if err != nil || stored {
		t.Errorf("second snapshot of a day = %v, %v; want not stored", stored, err)
	}
	got, err := s.ControlStatuses(ctx, "soc2", day, day.AddDate(0, 0, 2))
	if err != nil {
		t.Fatal(err)
	}
	var want []attest.ControlStatus
	for i := range 2 {
		d := day.AddDate(0, 0, i)
		w := snap(d, attest.StatusPass)
		slices.SortFunc(w, func(a, b attest.ControlStatus) int { return strings.Compare(a.Control, b.Control) })
		want = append(want, w...)
	}
	if diff := cmp.Diff(want, got, eventCmp); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if other, _ := s.ControlStatuses(ctx, "pci-dss-4.0", day, day.AddDate(1, 0, 0)); len(other) != 0 {
		t.Errorf("another framework's statuses: %v", other)
	}
	for _, bad := range []struct {
		name string
		day  time.Time
		st   []attest.ControlStatus
	}{
		{"not midnight", day.Add(time.Hour), nil},
		{"status of another day", day.AddDate(0, 0, 9), snap(day, attest.StatusPass)},
		{"unknown status", day.AddDate(0, 0, 9), []attest.ControlStatus{{Framework: "soc2", Control: "CC6.1", Day: day.AddDate(0, 0, 9), Status: "green"}}},
		{"repeated control", day.AddDate(0, 0, 9), append(snap(day.AddDate(0, 0, 9), attest.StatusPass), snap(day.AddDate(0, 0, 9), attest.StatusPass)[0])},
	} {
		if _, err := s.AddControlStatuses(ctx, "soc2", bad.day, bad.st); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("%s: %v, want EINVALID", bad.name, err)
		}
	}
	for _, q := range []string{
		"UPDATE control_status SET status = 'pass'",
		"DELETE FROM control_status",
		"DELETE FROM control_status_days",
	} {
		if err := h.Exec(q); err == nil {
			t.Errorf("%s: accepted with guards on", q)
		}
	}
}
