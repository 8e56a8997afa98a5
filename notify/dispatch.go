package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/attest-dev/attest"
)

// Backoff is the wait before a retry: Initial after the first failed
// attempt, doubled after each further one, at most Max; the wait is drawn
// uniformly from its upper half (jitter), so jobs that failed together do
// not all come back together.
type Backoff struct {
	Initial, Max time.Duration
}

// Delay returns the wait after the given number of failed attempts (from 1);
// r draws the jitter.
func (b Backoff) Delay(attempts int, r *rand.Rand) time.Duration {
	d := b.Initial
	for i := 1; i < attempts && d < b.Max; i++ {
		d *= 2
	}
	d = min(d, b.Max)
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + time.Duration(r.Int64N(int64(half)+1))
}

// Queue is the part of the store a dispatcher works on.
type Queue interface {
	ClaimNotifications(ctx context.Context, claimer string, now time.Time, lease time.Duration, limit int) ([]*attest.Notification, error)
	CompleteNotification(ctx context.Context, id int64, claimer string, now time.Time, r attest.NotificationResult) error
}

// Dispatcher claims due notifications and delivers them. Set the fields,
// then call Run; several dispatchers (one per replica) may share a store.
type Dispatcher struct {
	Queue     Queue
	Endpoints map[string]Endpoint
	// ID names this dispatcher in its claims; it must differ between
	// processes (NewDispatcher draws one).
	ID          string
	AlertURL    string
	MaxAttempts int
	Backoff     Backoff
	// Lease is how long a claim holds a job; it must outlast the longest
	// channel timeout, after which a crashed dispatcher's jobs are free.
	Lease time.Duration
	// Batch is how many jobs one claim takes, delivered concurrently.
	Batch int
	// Poll is how often the queue is looked at when nothing wakes the
	// dispatcher (retries fall due without a wake-up).
	Poll    time.Duration
	Now     func() time.Time
	Rand    *rand.Rand
	Logger  *slog.Logger
	Metrics *Metrics

	wakeOnce sync.Once
	wake     chan struct{}
}

// NewDispatcher returns a dispatcher for the setup over queue, with the
// system clock, a random ID and jitter source, a lease of twice the longest
// timeout plus a minute, batches of 16 and a poll every 5 seconds.
func NewDispatcher(queue Queue, s *Setup) *Dispatcher {
	longest := time.Duration(0)
	for _, e := range s.Endpoints {
		longest = max(longest, e.Timeout)
	}
	seed := rand.Uint64()
	return &Dispatcher{
		Queue: queue, Endpoints: s.Endpoints, AlertURL: s.AlertURL, MaxAttempts: s.MaxAttempts, Backoff: s.Backoff,
		ID:    "dispatcher-" + strconv.FormatUint(seed, 36),
		Lease: 2*longest + time.Minute, Batch: 16, Poll: 5 * time.Second,
		Now: time.Now, Rand: rand.New(rand.NewPCG(seed, rand.Uint64())), Logger: slog.New(slog.DiscardHandler),
	}
}

func (d *Dispatcher) wakeCh() chan struct{} {
	d.wakeOnce.Do(func() { d.wake = make(chan struct{}, 1) })
	return d.wake
}

// Wake asks the dispatcher to look at the queue now (a job was enqueued).
// It never blocks.
func (d *Dispatcher) Wake() {
	select {
	case d.wakeCh() <- struct{}{}:
	default:
	}
}

// Run works the queue until ctx is done. Deliveries in flight then are
// cancelled and their jobs released for another dispatcher or the next
// start; Run returns when they are.
func (d *Dispatcher) Run(ctx context.Context) {
	wake := d.wakeCh()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		n, err := d.RunOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			d.Logger.Warn("notification queue", "err", err)
		}
		if err == nil && n == d.Batch {
			continue // more may be due
		}
		timer.Reset(d.Poll)
		select {
		case <-ctx.Done():
			return
		case <-wake:
		case <-timer.C:
		}
	}
}

// RunOnce claims one batch of due jobs and delivers them, recording each
// outcome. It returns how many jobs it claimed.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	jobs, err := d.Queue.ClaimNotifications(ctx, d.ID, d.Now(), d.Lease, d.Batch)
	if err != nil {
		return 0, fmt.Errorf("claim notifications: %w", err)
	}
	var wg sync.WaitGroup
	for _, n := range jobs {
		wg.Go(func() { d.deliver(ctx, n) })
	}
	wg.Wait()
	return len(jobs), nil
}

// deliver sends one job and records what became of it.
func (d *Dispatcher) deliver(ctx context.Context, n *attest.Notification) {
	log := d.Logger.With("notification", n.ID, "alert", n.AlertID, "channel", n.Channel, "kind", n.Kind, "attempt", n.Attempts)
	var result attest.NotificationResult
	ep, ok := d.Endpoints[n.Channel]
	var a attest.Alert
	switch {
	case !ok:
		result = attest.NotificationResult{State: attest.NotificationDead, Error: fmt.Sprintf("channel %q is not configured", n.Channel)}
	case json.Unmarshal(n.Payload, &a) != nil:
		result = attest.NotificationResult{State: attest.NotificationDead, Error: "payload is not an alert"}
	default:
		dctx, cancel := context.WithTimeout(ctx, ep.Timeout)
		err := ep.Channel.Deliver(dctx, Message{Notification: n, Alert: &a, AlertURL: d.alertURL(a.ID), Time: d.Now()})
		cancel()
		if ctx.Err() != nil {
			// Stopping: give the job back rather than count an attempt
			// that shutdown cut short. Should the release fail, the lease
			// frees the job later.
			rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer rcancel()
			if err := d.Queue.CompleteNotification(rctx, n.ID, d.ID, d.Now(), attest.NotificationResult{Released: true}); err != nil {
				log.Warn("release notification", "err", err)
			}
			return
		}
		result = d.outcome(n, err)
	}
	switch result.State {
	case attest.NotificationDelivered:
		log.Info("notification delivered")
	case attest.NotificationDead:
		log.Warn("notification dead", "err", result.Error)
	default:
		log.Warn("notification failed, will retry", "err", result.Error, "retry_at", result.RetryAt)
	}
	d.Metrics.record(n.Channel, result.State)
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := d.Queue.CompleteNotification(cctx, n.ID, d.ID, d.Now(), result); err != nil {
		// ECONFLICT: the lease passed and another dispatcher has the job;
		// else the job stays claimed until its lease passes.
		log.Warn("record notification outcome", "err", err)
	}
}

// outcome turns a delivery's error into the job's next state.
func (d *Dispatcher) outcome(n *attest.Notification, err error) attest.NotificationResult {
	if err == nil {
		return attest.NotificationResult{State: attest.NotificationDelivered}
	}
	msg := clip(err.Error(), 2048)
	var de *DeliveryError
	isDE := errors.As(err, &de)
	if isDE && de.Permanent {
		return attest.NotificationResult{State: attest.NotificationDead, Error: msg}
	}
	if n.Attempts >= d.MaxAttempts {
		return attest.NotificationResult{State: attest.NotificationDead, Error: fmt.Sprintf("gave up after %d attempts: %s", n.Attempts, msg)}
	}
	wait := d.Backoff.Delay(n.Attempts, d.Rand)
	if isDE && de.RetryAfter > wait {
		wait = de.RetryAfter
	}
	return attest.NotificationResult{State: attest.NotificationPending, RetryAt: d.Now().Add(wait), Error: msg}
}

func (d *Dispatcher) alertURL(id int64) string {
	if d.AlertURL == "" {
		return ""
	}
	return strings.ReplaceAll(d.AlertURL, "{id}", strconv.FormatInt(id, 10))
}

// Enqueuer is the part of the store a Notifier writes to.
type Enqueuer interface {
	EnqueueNotifications(ctx context.Context, ns []*attest.Notification) error
}

// Notifier turns alerts into queued notifications.
type Notifier struct {
	Store  Enqueuer
	Router *Router
	// Wake, when set, is called after jobs are queued (Dispatcher.Wake).
	Wake func()
	Now  func() time.Time
}

// Enqueue queues a notification of kind (attest.NotifyRaised or
// attest.NotifyResolved) about a to every channel its routes pick. It is
// idempotent: an alert, channel and kind is queued once however often it
// is called, by however many replicas.
func (nt *Notifier) Enqueue(ctx context.Context, a *attest.Alert, kind string) error {
	return nt.EnqueueAll(ctx, []*attest.Alert{a}, kind)
}

// EnqueueAll is Enqueue of several alerts in one transaction.
func (nt *Notifier) EnqueueAll(ctx context.Context, alerts []*attest.Alert, kind string) error {
	if nt == nil || nt.Router == nil {
		return nil
	}
	now := time.Now
	if nt.Now != nil {
		now = nt.Now
	}
	t := now().UTC()
	var ns []*attest.Notification
	for _, a := range alerts {
		channels := nt.Router.Channels(a)
		if len(channels) == 0 {
			continue
		}
		payload, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("enqueue notification: %w", err)
		}
		for _, c := range channels {
			ns = append(ns, &attest.Notification{AlertID: a.ID, Channel: c, Kind: kind, Payload: payload, Created: t, NextAttempt: t})
		}
	}
	if len(ns) == 0 {
		return nil
	}
	if err := nt.Store.EnqueueNotifications(ctx, ns); err != nil {
		return fmt.Errorf("enqueue notification: %w", err)
	}
	if nt.Wake != nil {
		nt.Wake()
	}
	return nil
}
