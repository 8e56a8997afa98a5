package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/detect"
)

const lease = time.Minute

func claim(t *testing.T, s attest.EvalCursor, owner string, max int) *attest.EvalClaim {
	t.Helper()
	c, err := s.ClaimEvents(context.Background(), owner, max, lease)
	if err != nil {
		t.Fatalf("ClaimEvents(%s): %v", owner, err)
	}
	return c
}

func lag(t *testing.T, s attest.EvalCursor) int64 {
	t.Helper()
	n, err := s.EvalLag(context.Background())
	if err != nil {
		t.Fatalf("EvalLag: %v", err)
	}
	return n
}

// testEvalCursor checks how stored events are handed to evaluators: in log
// order, each range once, expired claims taken over, the cursor surviving a
// restart, and replicas claiming at once while events are appended.
func testEvalCursor(t *testing.T, open func(t *testing.T) *Harness) {
	ctx := context.Background()
	t.Run("Ranges", func(t *testing.T) {
		h := open(t)
		s := h.Store
		if c := claim(t, s, "w1", 10); c != nil {
			t.Fatalf("empty log: claimed %+v", c)
		}
		mustAppend(t, s, NewEvents(0, 25))
		if n := lag(t, s); n != 25 {
			t.Errorf("lag %d, want 25", n)
		}
		var got [][2]int64
		var claims []*attest.EvalClaim
		for c := claim(t, s, "w1", 10); c != nil; c = claim(t, s, "w1", 10) {
			got = append(got, [2]int64{c.From, c.To})
			claims = append(claims, c)
		}
		if want := [][2]int64{{0, 10}, {10, 20}, {20, 25}}; !slices.Equal(got, want) {
			t.Fatalf("claims %v, want %v", got, want)
		}
		if n := lag(t, s); n != 25 {
			t.Errorf("lag with every event claimed, none finished: %d, want 25", n)
		}
		if err := s.FinishClaim(ctx, claims[0]); err != nil {
			t.Fatal(err)
		}
		if n := lag(t, s); n != 15 {
			t.Errorf("lag after one claim finished: %d, want 15", n)
		}
		for _, c := range claims[1:] {
			if err := s.FinishClaim(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		// A restart (another handle) resumes after the last event claimed.
		other := h.Reopen(t)
		mustAppend(t, other, NewEvents(25, 28))
		if c := claim(t, other, "w2", 10); c == nil || c.From != 25 || c.To != 28 {
			t.Errorf("after a restart: claimed %+v, want 25 to 28", c)
		}
	})

	t.Run("Expired", func(t *testing.T) {
		s := open(t).Store
		mustAppend(t, s, NewEvents(0, 5))
		// w1 claims for a moment and dies.
		dead, err := s.ClaimEvents(ctx, "w1", 10, time.Nanosecond)
		if err != nil || dead == nil {
			t.Fatalf("claim: %+v, %v", dead, err)
		}
		time.Sleep(2 * time.Millisecond)
		taken := claim(t, s, "w2", 10)
		if taken == nil || taken.From != 0 || taken.To != 5 || taken.Owner != "w2" {
			t.Fatalf("expired claim not taken over: %+v", taken)
		}
		if err := s.FinishClaim(ctx, dead); attest.ErrorCode(err) != attest.ECONFLICT {
			t.Errorf("finishing a claim taken over: %v, want ECONFLICT", err)
		}
		if err := s.FinishClaim(ctx, taken); err != nil {
			t.Errorf("finishing the claim taken over: %v", err)
		}
		if n := lag(t, s); n != 0 {
			t.Errorf("lag %d, want 0", n)
		}
		if _, err := s.ClaimEvents(ctx, "w", 0, lease); attest.ErrorCode(err) != attest.EINVALID {
			t.Errorf("max 0: %v, want EINVALID", err)
		}
	})

	t.Run("Concurrent", func(t *testing.T) {
		h := open(t)
		replicas := []Store{h.Store, h.Reopen(t), h.Reopen(t)}
		const total = 300
		var mu sync.Mutex
		seen := make([]int, total)
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		appended := make(chan struct{})
		go func() {
			defer close(appended)
			for i := 0; i < total; i += 10 {
				if err := replicas[i/10%len(replicas)].AppendEvents(ctx, NewEvents(i, i+10)); err != nil {
					errs <- err
					return
				}
			}
		}()
		for r, s := range replicas {
			for w := range 3 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					owner := fmt.Sprintf("r%d-w%d", r, w)
					done := false
					for {
						c, err := s.ClaimEvents(ctx, owner, 7, lease)
						if err != nil {
							errs <- err
							return
						}
						if c == nil {
							if done {
								return
							}
							select {
							case <-appended:
								done = true // one more pass after the last append
							case <-time.After(time.Millisecond):
							}
							continue
						}
						mu.Lock()
						for seq := c.From; seq < c.To; seq++ {
							seen[seq]++
						}
						mu.Unlock()
						if err := s.FinishClaim(ctx, c); err != nil {
							errs <- err
							return
						}
					}
				}()
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("concurrent claims: %v", err)
		}
		for seq, n := range seen {
			if n != 1 {
				t.Errorf("event %d claimed %d times, want once", seq, n)
			}
		}
		if n := lag(t, h.Store); n != 0 {
			t.Errorf("lag %d, want 0", n)
		}
	})
}

// countAtLeast fires when a series holds n observations or more.
func countAtLeast(n int) func([]detect.Observation) bool {
	return func(obs []detect.Observation) bool { return len(obs) >= n }
}

// testWindow checks the correlation window in the database: it forgets
// observations older than the span, fires once and starts over, counts an
// event once however often it is observed, keeps any value, and is shared
// by every handle on the database.
func testWindow(t *testing.T, open func(t *testing.T) *Harness) {
	observe := func(t *testing.T, w detect.Window, key string, seq int64, at time.Duration, value string, n int) ([]detect.Observation, bool) {
		t.Helper()
		obs, fired, err := w.Observe(key, detect.Observation{Time: base.Add(at), Seq: seq, Value: value}, 5*time.Minute, countAtLeast(n))
		if err != nil {
			t.Fatalf("Observe(%d): %v", seq, err)
		}
		return obs, fired
	}
	t.Run("Span", func(t *testing.T) {
		h := open(t)
		w := h.Window(h.Store)
		key := "failed-logins\x00actor=mallory"
		observe(t, w, key, 1, 0, "", 3)
		// Ten minutes later the first is out of the 5-minute span.
		observe(t, w, key, 2, 10*time.Minute, "", 3)
		if _, fired := observe(t, w, key, 3, 11*time.Minute, "", 3); fired {
			t.Fatal("fired with two observations in the span")
		}
		obs, fired := observe(t, w, key, 4, 12*time.Minute, "", 3)
		if !fired || len(obs) != 3 || obs[0].Seq != 2 || obs[2].Seq != 4 {
			t.Fatalf("third in the span: fired %v with %+v, want seqs 2, 3, 4", fired, obs)
		}
		// After firing the series starts over.
		if _, fired := observe(t, w, key, 5, 12*time.Minute, "", 2); fired {
			t.Error("fired again right after firing")
		}
		// Another key is another series.
		if _, fired := observe(t, w, "other", 6, 12*time.Minute, "", 2); fired {
			t.Error("another series counted this one's observations")
		}
	})

	t.Run("SharedAndOnce", func(t *testing.T) {
		h := open(t)
		a, b := h.Window(h.Store), h.Window(h.Reopen(t))
		key := "k"
		observe(t, a, key, 1, 0, "v1", 3)
		// The same event observed again (re-evaluation after a crash)
		// counts once, on any handle.
		observe(t, b, key, 1, 0, "v1", 3)
		if _, fired := observe(t, a, key, 1, 0, "v1", 3); fired {
			t.Fatal("one event observed three times fired a count of 3")
		}
		odd := "\x00\xff not UTF-8"
		obs, fired := observe(t, b, key, 2, time.Minute, odd, 2)
		if !fired || len(obs) != 2 || obs[1].Value != odd || obs[0].Value != "v1" || !obs[1].Time.Equal(base.Add(time.Minute)) {
			t.Errorf("observations from two handles: fired %v, %+v", fired, obs)
		}
	})

	t.Run("Concurrent", func(t *testing.T) {
		h := open(t)
		windows := []detect.Window{h.Window(h.Store), h.Window(h.Reopen(t))}
		const perHandle, each, n = 6, 10, 4
		var mu sync.Mutex
		fired := map[int64]int{}
		var wg sync.WaitGroup
		errs := make(chan error, len(windows)*perHandle*each)
		for wi, w := range windows {
			for g := range perHandle {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range each {
						seq := int64((wi*perHandle+g)*each + i)
						obs, ok, err := w.Observe("burst", detect.Observation{Time: base, Seq: seq}, time.Hour, countAtLeast(n))
						if err != nil {
							errs <- err
							return
						}
						if ok {
							mu.Lock()
							for _, o := range obs {
								fired[o.Seq]++
							}
							mu.Unlock()
						}
					}
				}()
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("concurrent Observe: %v", err)
		}
		total := len(windows) * perHandle * each
		if len(fired) != total {
			t.Errorf("%d observations fired, want all %d (in %d firings of %d)", len(fired), total, total/n, n)
		}
		for seq, k := range fired {
			if k != 1 {
				t.Errorf("observation %d fired %d times, want once", seq, k)
			}
		}
	})
}
