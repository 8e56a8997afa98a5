// Package storetest is the contract suite every attest store backend passes:
// events, tokens, sessions, evidence and control-status snapshots, alerts,
// the evaluation cursor and correlation windows, the notification queue, the
// audit log's tree state, proofs, checkpoints, retention, concurrent
// appends, and tampering done straight in SQL. The sqlite tests run it
// always and the postgres tests against the server in ATTEST_TEST_POSTGRES.
package storetest

import (
	"context"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/detect"
)

// Store is what a backend offers: the event and token stores, the log
// storage, and the adapter's lifecycle.
type Store interface {
	attest.EventStore
	attest.TokenStore
	attest.SessionStore
	attest.EventCounter
	attest.AlertStore
	attest.EvalCursor
	attest.EvidenceStore
	attest.ControlStatusStore
	auditlog.LogStore
	attest.NotificationStore
	RevokeToken(ctx context.Context, id string, record *attest.Event) error
	Tokens(ctx context.Context) ([]*attest.Token, error)
	KeyStore() auditlog.KeyStore
	Ping(ctx context.Context) error
	Close() error
}

// Harness is one fresh, empty, opened database of a backend with the means
// to attack it.
type Harness struct {
	Store Store
	// Exec runs SQL straight against the database, guards (triggers) on.
	Exec func(query string) error
	// Tamper runs SQL as an attacker with full rights to the database
	// would: every trigger dropped or disabled first. It fails the test if
	// the SQL fails.
	Tamper func(t *testing.T, query string)
	// Blob returns the SQL literal of a byte string.
	Blob func(b []byte) string
	// True is the SQL literal that sets the pruned column.
	True string
	// KeyRow returns the SQL that records a key of idempotent ingest
	// (attest.Event.DedupKey) for the record seq, as the store's key table
	// holds it. Arguments are plain words, without quotes.
	KeyRow func(source, dedupKey string, seq int64) string
	// Reopen opens another handle on the same database, standing for a
	// second process or server replica; the harness closes it at the end.
	Reopen func(t *testing.T) Store
	// Window returns the backend's correlation window on a store of the
	// harness (the first or a reopened one).
	Window func(s Store) detect.Window
}

// Run runs the contract suite; open returns a fresh harness for each test.
func Run(t *testing.T, open func(t *testing.T) *Harness) {
	t.Run("Events", func(t *testing.T) { testEvents(t, open) })
	t.Run("Tokens", func(t *testing.T) { testTokens(t, open) })
	t.Run("Unavailable", func(t *testing.T) { testUnavailable(t, open) })
	t.Run("Log", func(t *testing.T) { testLog(t, open) })
	t.Run("Tamper", func(t *testing.T) { testTamper(t, open) })
	t.Run("Retention", func(t *testing.T) { testRetention(t, open) })
	t.Run("Concurrent", func(t *testing.T) { testConcurrent(t, open) })
	t.Run("VerifyLive", func(t *testing.T) { testVerifyLive(t, open) })
	t.Run("Notifications", func(t *testing.T) { testNotifications(t, open) })
	t.Run("Sessions", func(t *testing.T) { testSessions(t, open) })
	t.Run("Newest", func(t *testing.T) { testNewest(t, open) })
	t.Run("DayCounts", func(t *testing.T) { testDayCounts(t, open) })
	t.Run("Alerts", func(t *testing.T) { testAlerts(t, open) })
	t.Run("EvalCursor", func(t *testing.T) { testEvalCursor(t, open) })
	t.Run("Window", func(t *testing.T) { testWindow(t, open) })
	t.Run("Evidence", func(t *testing.T) { testEvidence(t, open) })
}
