package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/storetest"
)

// TestDB_AppendGroups holds the writer while batches queue up, so that
// they are appended as one group, and checks what each caller is told: a
// batch repeating another batch's records gets their seqs, a batch whose
// caller has gone is left out, and a batch the database refuses fails alone
// while the rest of its group is stored.
func TestDB_AppendGroups(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "attest.db")
	db := NewDB(path)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The database refuses records of actor mallory, as it would refuse
	// any record it cannot store.
	raw, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`CREATE TRIGGER refuse_mallory BEFORE INSERT ON events WHEN NEW.actor = 'mallory'
		BEGIN SELECT RAISE(ABORT, 'mallory'); END`); err != nil {
		t.Fatal(err)
	}

	keyed := func(i int, key string) *attest.Event {
		e := storetest.NewEvent(i)
		e.Source, e.DedupKey = "cloudtrail", key
		return e
	}
	batches := [][]*attest.Event{
		{keyed(0, "a"), keyed(1, "b")},
		{keyed(2, "b"), keyed(3, "c")}, // b repeats the first batch
		{keyed(4, "d")},                // its caller goes away while queued
		{keyed(5, "e"), keyed(6, "f")}, // refused: f is mallory's
		{keyed(7, "g")},
	}
	batches[3][1].Actor = "mallory"
	gone, cancel := context.WithCancel(ctx)
	errs := appendAsGroup(t, db, batches, []context.Context{ctx, ctx, gone, ctx, ctx}, cancel)
	for i, want := range []bool{true, true, false, false, true} {
		if (errs[i] == nil) != want {
			t.Errorf("batch %d: error %v, want success %v", i, errs[i], want)
		}
	}
	if code := attest.ErrorCode(errs[2]); code != attest.EUNAVAILABLE {
		t.Errorf("batch of a caller gone: code %q (%v), want %q", code, errs[2], attest.EUNAVAILABLE)
	}
	seqs := func(b []*attest.Event) string {
		s := ""
		for _, e := range b {
			s += fmt.Sprintf("%d/%v ", e.Seq, e.Duplicate)
		}
		return s
	}
	for i, want := range map[int]string{0: "0/false 1/false ", 1: "1/true 2/false ", 4: "3/false "} {
		if got := seqs(batches[i]); got != want {
			t.Errorf("batch %d: seqs %s, want %s", i, got, want)
		}
	}
	for _, i := range []int{2, 3} {
		for _, e := range batches[i] {
			if e.Seq != 0 || e.Duplicate {
				t.Errorf("batch %d not stored, yet its events were changed: %+v", i, e)
			}
		}
	}
	all, err := db.FindEvents(ctx, attest.EventFilter{AfterSeq: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 4 {
		t.Errorf("%d events stored, want 4 (a, b, c, g)", len(all))
	}
	keys2, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	l := auditlog.NewLog(db, keys2)
	if _, err := l.Publish(ctx); err != nil {
		t.Fatal(err)
	}
	if rep, err := auditlog.Verify(ctx, db, keys2.Verifier, auditlog.VerifyOptions{}); err != nil || !rep.OK() {
		t.Fatalf("Verify = %+v, %v", rep, err)
	}

	// A group that commits: the batches see each other's records in the
	// one transaction.
	batches = [][]*attest.Event{{keyed(8, "h"), keyed(9, "a")}, {keyed(10, "h"), keyed(11, "i")}, {keyed(12, "i"), keyed(13, "j")}}
	errs = appendAsGroup(t, db, batches, []context.Context{ctx, ctx, ctx}, func() {})
	for i, want := range []string{"4/false 0/true ", "4/true 5/false ", "5/true 6/false "} {
		if errs[i] != nil {
			t.Errorf("batch %d: %v", i, errs[i])
		} else if got := seqs(batches[i]); got != want {
			t.Errorf("batch %d: seqs %s, want %s", i, got, want)
		}
	}
	if _, err := l.Publish(ctx); err != nil {
		t.Fatal(err)
	}
	if rep, err := auditlog.Verify(ctx, db, keys2.Verifier, auditlog.VerifyOptions{}); err != nil || !rep.OK() || rep.Records != 7 {
		t.Fatalf("Verify = %+v, %v; want OK and 7 records", rep, err)
	}
}

// appendAsGroup holds the writer while each batch is queued by
// AppendEvents in turn, then calls before and lets the writer go, and
// returns what each call returned.
func appendAsGroup(t *testing.T, db *DB, batches [][]*attest.Event, ctxs []context.Context, before func()) []error {
	t.Helper()
	errs := make([]error, len(batches))
	db.wmu.Lock()
	var wg sync.WaitGroup
	for i := range batches {
		wg.Go(func() { errs[i] = db.AppendEvents(ctxs[i], batches[i]) })
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
			db.qmu.Lock()
			n := len(db.queue)
			db.qmu.Unlock()
			if n == i+1 {
				break
			}
			if time.Now().After(deadline) {
				db.wmu.Unlock()
				t.Fatalf("batch %d not queued", i)
			}
		}
	}
	before()
	db.wmu.Unlock()
	wg.Wait()
	return errs
}
