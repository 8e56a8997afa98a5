package http_test

import (
	"context"
	"encoding/hex"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
)

// memStore is an in-memory event and token store: a real implementation of
// the store contracts, with a switch that makes it unreachable.
type memStore struct {
	mu     sync.Mutex
	events []*attest.Event
	tokens map[string]*attest.Token // by hex of the secret hash
	keys   map[auditlog.Key]int64   // seqs of the stored dedup keys
	down   bool
	// appendDown fails only AppendEvents.
	appendDown bool
	// beforeAppend, when set, runs at the start of AppendEvents, outside the
	// lock (a slow disk).
	beforeAppend func()
}

var (
	_ attest.EventStore = (*memStore)(nil)
	_ attest.TokenStore = (*memStore)(nil)
)

func newMemStore() *memStore {
	return &memStore{tokens: map[string]*attest.Token{}, keys: map[auditlog.Key]int64{}}
}

// setDown makes every call fail with EUNAVAILABLE, or stops doing so.
func (m *memStore) setDown(down bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.down = down
}

// setAppendDown makes AppendEvents alone fail with EUNAVAILABLE, or stops
// doing so.
func (m *memStore) setAppendDown(down bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.appendDown = down
}

func (m *memStore) unavailable() error {
	if m.down {
		return attest.Errorf(attest.EUNAVAILABLE, "database unavailable")
	}
	return nil
}

func (m *memStore) Ping(ctx context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.unavailable()
}

func (m *memStore) AppendEvents(ctx context.Context, events []*attest.Event) error {
	if m.beforeAppend != nil {
		m.beforeAppend()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.unavailable(); err != nil {
		return err
	}
	if m.appendDown {
		return attest.Errorf(attest.EUNAVAILABLE, "database unavailable")
	}
	if err := ctx.Err(); err != nil {
		// As the stores do: the driver gives up on a cancelled context.
		return fmt.Errorf("%w: %w", attest.Errorf(attest.EUNAVAILABLE, "append events: database unavailable"), err)
	}
	for i, e := range events {
		if e.Source == "" || e.Received.IsZero() {
			return attest.Errorf(attest.EINVALID, "event %d: source and received time are required", i)
		}
	}
	rows := make([]attest.Event, len(events))
	for i, e := range events {
		rows[i] = *e
	}
	stored := map[auditlog.Key]int64{}
	for _, k := range auditlog.BatchKeys(rows) {
		if seq, ok := m.keys[k]; ok {
			stored[k] = seq
		}
	}
	batch := auditlog.SplitBatch(rows, stored)
	for i := range batch.Fresh {
		c := batch.Fresh[i]
		c.Seq = int64(len(m.events))
		batch.Fresh[i].Seq = c.Seq
		c.Raw = slices.Clone(c.Raw)
		m.events = append(m.events, &c)
	}
	for _, k := range batch.FreshKeys {
		m.keys[k.Key] = batch.Fresh[k.Index].Seq
	}
	batch.Finish(events)
	return nil
}

func (m *memStore) FindEvents(ctx context.Context, f attest.EventFilter) ([]*attest.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.unavailable(); err != nil {
		return nil, err
	}
	var out []*attest.Event
	at := func(e *attest.Event) time.Time {
		if e.Time.IsZero() {
			return e.Received
		}
		return e.Time
	}
	order := slices.Clone(m.events)
	if f.ByTime {
		slices.SortStableFunc(order, func(a, b *attest.Event) int { return at(a).Compare(at(b)) })
	}
	var size int64
	for _, e := range order {
		after := e.Seq > f.AfterSeq
		if f.ByTime && f.AfterSeq >= 0 {
			after = at(e).After(f.AfterTime) || at(e).Equal(f.AfterTime) && e.Seq > f.AfterSeq
		}
		switch {
		case !after,
			!f.From.IsZero() && at(e).Before(f.From),
			!f.To.IsZero() && !at(e).Before(f.To),
			f.Source != "" && e.Source != f.Source,
			len(f.Actors) > 0 && !slices.Contains(f.Actors, e.Actor),
			f.Action != "" && e.Action != f.Action,
			f.Outcome != "" && e.Outcome != f.Outcome:
			continue
		}
		c := *e
		out = append(out, &c)
		if size += int64(len(e.Raw)); f.MaxBytes > 0 && size >= f.MaxBytes {
			break
		}
		if f.Limit > 0 && len(out) == f.Limit {
			break
		}
	}
	return out, nil
}

func (m *memStore) EventBySeq(ctx context.Context, seq int64) (*attest.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.unavailable(); err != nil {
		return nil, err
	}
	if seq < 0 || seq >= int64(len(m.events)) {
		return nil, attest.Errorf(attest.ENOTFOUND, "no event %d", seq)
	}
	c := *m.events[seq]
	return &c, nil
}

func (m *memStore) CreateToken(ctx context.Context, t *attest.Token, secretHash []byte, record *attest.Event) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.unavailable(); err != nil {
		return err
	}
	if record == nil || record.Source == "" || record.Received.IsZero() {
		return attest.Errorf(attest.EINVALID, "no valid audit record of the token")
	}
	k := hex.EncodeToString(secretHash)
	if _, ok := m.tokens[k]; ok {
		return attest.Errorf(attest.ECONFLICT, "token exists")
	}
	c := *t
	m.tokens[k] = &c
	record.Seq = int64(len(m.events))
	rc := *record
	rc.Raw = slices.Clone(record.Raw)
	m.events = append(m.events, &rc)
	return nil
}

func (m *memStore) TokenBySecretHash(ctx context.Context, h []byte) (*attest.Token, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.unavailable(); err != nil {
		return nil, err
	}
	t, ok := m.tokens[hex.EncodeToString(h)]
	if !ok || t.Revoked {
		return nil, attest.Errorf(attest.ENOTFOUND, "no such token")
	}
	c := *t
	return &c, nil
}

// revoke marks the token named name revoked.
func (m *memStore) revoke(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, t := range m.tokens {
		if t.Name == name {
			t.Revoked = true
		}
	}
}

// count returns how many events are stored.
func (m *memStore) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.events)
}
