package auditlog

import (
	"context"
	"time"
)

// Publisher publishes checkpoints in the background: on every Interval and
// soon after Notify, coalescing bursts of notifications. The server calls
// Notify after each ingested batch and runs Run in a goroutine.
type Publisher struct {
	Log      *Log
	Interval time.Duration // default one minute
	kick     chan struct{}
}

// NewPublisher returns a Publisher of l's checkpoints every interval.
func NewPublisher(l *Log, interval time.Duration) *Publisher {
	return &Publisher{Log: l, Interval: interval, kick: make(chan struct{}, 1)}
}

// Notify asks for a checkpoint soon. It never blocks.
func (p *Publisher) Notify() {
	select {
	case p.kick <- struct{}{}:
	default:
	}
}

// Run publishes until ctx is done. Errors are logged and retried at the next
// tick or notification.
func (p *Publisher) Run(ctx context.Context) error {
	iv := p.Interval
	if iv <= 0 {
		iv = time.Minute
	}
	t := time.NewTicker(iv)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-p.kick:
		}
		if _, err := p.Log.Publish(ctx); err != nil && ctx.Err() == nil && p.Log.Logger != nil {
			p.Log.Logger.Warn("publish checkpoint", "err", err)
		}
	}
}
