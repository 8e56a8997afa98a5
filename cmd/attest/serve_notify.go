package main

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/attest-dev/attest"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/notify"
)

// serveNotifications is the notification side of attest serve: the
// dispatcher goroutine that works the queue, and NotifyAlert, the entry
// point of the alert path.
type serveNotifications struct {
	notifier   *notify.Notifier
	dispatcher *notify.Dispatcher
	logger     *slog.Logger
	stop       context.CancelFunc
	done       chan struct{}
}

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
// setup is set, starts the dispatcher. The queue's endpoints are served
// either way, so dead letters stay visible after a channel is removed from
// the configuration.
func startNotifications(ctx context.Context, st store, setup *notify.Setup, srv *attesthttp.Server, logger *slog.Logger) (*serveNotifications, error) {
	srv.Notifications = st
	n := &serveNotifications{logger: logger, done: make(chan struct{})}
	var channels []string
	if setup != nil {
		for name := range setup.Endpoints {
			channels = append(channels, name)
		}
		slices.Sort(channels)
	}
	metrics := notify.NewMetrics(st, channels)
	if err := srv.RegisterMetrics(metrics); err != nil {
		return nil, err
	}
	if setup == nil {
		close(n.done)
		n.stop = func() {}
		return n, nil
	}
	d := notify.NewDispatcher(st, setup)
	d.Logger, d.Metrics = logger.With("component", "notify"), metrics
	n.dispatcher = d
	n.notifier = &notify.Notifier{Store: st, Router: setup.Router, Wake: d.Wake}
	srv.AfterNotificationRetry = d.Wake
	srv.AfterAlertStatus = n.afterAlertStatus
	dctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	n.stop = stop
	go func() {
		defer close(n.done)
		d.Run(dctx)
	}()
	logger.Info("notifications on", "channels", channels, "dispatcher", d.ID)
	return n, nil
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

// afterAlertStatus queues the resolve notification of an alert resolved
// through the API (PagerDuty closes its incident). It runs in the request,
// after the change is stored; should the queue be unreachable then, the
// failure is logged as an error with the alert's id.
func (n *serveNotifications) afterAlertStatus(a *attest.Alert) {
	if a.Status != attest.AlertResolved {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := n.NotifyAlert(ctx, a, attest.NotifyResolved); err != nil {
		n.logger.Error("queue the resolve notification", "alert", a.ID, "err", err)
	}
}

// Close stops the dispatcher: deliveries in flight are cancelled and their
// jobs released for the next start or another replica.
func (n *serveNotifications) Close() {
	n.stop()
	<-n.done
}
