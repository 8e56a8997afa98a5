package main

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/notify"
)

// serveNotifications is the notification side of attest serve: the
// dispatcher goroutine that works the queue, NotifyAlert (the entry point
// of the alert path), and a sweep that queues what the alert path could not.
type serveNotifications struct {
	notifier   *notify.Notifier
	dispatcher *notify.Dispatcher
	alerts     attest.AlertStore
	logger     *slog.Logger
	now        func() time.Time
	stop       context.CancelFunc
	wg         sync.WaitGroup
}

// Sweep settings: how often the recent alerts are queued again (a no-op for
// those queued already), and how far back.
const (
	sweepInterval = 5 * time.Minute
	sweepSince    = 24 * time.Hour
	sweepPage     = 500
)

// buildNotifications checks the notify section of the configuration and
// reads its secrets through getenv (os.Getenv outside tests). It returns
// nil when no channel is configured.
func buildNotifications(c serveConfig, getenv func(string) string) (*notify.Setup, error) {
	if !c.Notify.Enabled() {
		if len(c.Notify.Routes) > 0 {
			return nil, fmt.Errorf("config: notify.routes name channels but notify.channels is empty")
		}
		return nil, nil
	}
	s, err := c.Notify.Build(getenv, time.Now)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return s, nil
}

// startNotifications serves the queue's API and metrics on srv and, when
// setup is set, starts the dispatcher and the sweep, and queues the
// resolve notification of alerts resolved through the API. The queue's
// endpoints are served either way, so dead letters stay visible after a
// channel is removed from the configuration.
func startNotifications(ctx context.Context, st store, setup *notify.Setup, srv *attesthttp.Server, logger *slog.Logger) *serveNotifications {
	srv.Notifications = st
	n := &serveNotifications{alerts: st, logger: logger.With("component", "notify"), now: time.Now, stop: func() {}}
	var channels []string
	if setup != nil {
		for name := range setup.Endpoints {
			channels = append(channels, name)
		}
		slices.Sort(channels)
	}
	metrics := notify.NewMetrics(st, channels)
	srv.Collectors = append(srv.Collectors, metrics)
	if setup == nil {
		return n
	}
	d := notify.NewDispatcher(st, setup)
	d.Logger, d.Metrics = n.logger, metrics
	n.dispatcher = d
	n.notifier = &notify.Notifier{Store: st, Router: setup.Router, Wake: d.Wake}
	srv.AfterNotificationRetry = d.Wake
	srv.AfterAlertStatus = n.afterAlertStatus
	dctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	n.stop = stop
	n.wg.Go(func() { d.Run(dctx) })
	n.wg.Go(func() { n.sweepEvery(dctx, sweepInterval) })
	n.logger.Info("notifications on", "channels", channels, "dispatcher", d.ID)
	return n
}

// NotifyAlert is what the alert path calls: with attest.NotifyRaised when
// RaiseAlert created an alert (not when it added to one: one message per
// alert group), and with attest.NotifyResolved when an alert is resolved.
// It queues one job per routed channel, durably, before it returns; the
// same alert and kind is queued once however often it is called.
func (n *serveNotifications) NotifyAlert(ctx context.Context, a *attest.Alert, kind string) error {
	if n == nil || n.notifier == nil {
		return nil
	}
	return n.notifier.Enqueue(ctx, a, kind)
}

// afterRaise is the detection worker's AfterRaise: an alert that a match
// created is queued for its channels. It runs on the worker's goroutine;
// should the queue be unreachable, the sweep queues the alert later.
func (n *serveNotifications) afterRaise(a *attest.Alert, created bool) {
	if !created || n.notifier == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := n.NotifyAlert(ctx, a, attest.NotifyRaised); err != nil {
		n.logger.Error("queue the alert's notifications; the sweep retries", "alert", a.ID, "err", err)
	}
}

// afterAlertStatus queues the resolve notification of an alert resolved
// through the API (PagerDuty closes its incident). It runs in the request,
// after the change is stored; should the queue be unreachable, the sweep
// queues it later.
func (n *serveNotifications) afterAlertStatus(a *attest.Alert) {
	if a.Status != attest.AlertResolved || n.notifier == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := n.NotifyAlert(ctx, a, attest.NotifyResolved); err != nil {
		n.logger.Error("queue the resolve notification; the sweep retries", "alert", a.ID, "err", err)
	}
}

// sweepEvery runs sweep at start and then every interval until ctx ends.
func (n *serveNotifications) sweepEvery(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := n.sweep(ctx); err != nil && ctx.Err() == nil {
			n.logger.Warn("notification sweep", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// sweep queues again the alerts seen in the last sweepSince: open and
// acknowledged ones as raised, resolved ones as resolved. Queueing is
// idempotent, so this adds only what the alert path did not queue (the
// process stopped between storing an alert and queueing it, or the
// database was briefly unreachable).
func (n *serveNotifications) sweep(ctx context.Context) error {
	if n.notifier == nil {
		return nil
	}
	since := n.now().Add(-sweepSince)
	for _, st := range []struct{ status, kind string }{
		{attest.AlertOpen, attest.NotifyRaised},
		{attest.AlertAcknowledged, attest.NotifyRaised},
		{attest.AlertResolved, attest.NotifyResolved},
	} {
		var before int64
		for {
			as, err := n.alerts.FindAlerts(ctx, attest.AlertFilter{Status: st.status, From: since, BeforeID: before, Limit: sweepPage})
			if err != nil {
				return fmt.Errorf("find %s alerts: %w", st.status, err)
			}
			if err := n.notifier.EnqueueAll(ctx, as, st.kind); err != nil {
				return err
			}
			if len(as) < sweepPage {
				break
			}
			before = as[len(as)-1].ID
		}
	}
	return nil
}

// Close stops the dispatcher and the sweep: deliveries in flight are
// cancelled and their jobs released for the next start or another replica.
func (n *serveNotifications) Close() {
	n.stop()
	n.wg.Wait()
}
