package notify

import (
	"context"
	"time"

	"github.com/attest-dev/attest"
	"github.com/prometheus/client_golang/prometheus"
)

// Counter reads the queue's depth by state.
type Counter interface {
	NotificationCounts(ctx context.Context) (map[string]int64, error)
}

// Metrics are the notification collectors: deliveries and failures by
// channel (counted by this process), and the queue's depth by state (read
// from the store at each scrape, so every replica reports the shared queue).
type Metrics struct {
	queue      Counter
	deliveries *prometheus.CounterVec
	failures   *prometheus.CounterVec
	depth      *prometheus.Desc
}

var _ prometheus.Collector = (*Metrics)(nil)

// NewMetrics returns the collectors over queue, with a zero count for each
// channel so that a channel that never failed shows 0, not nothing.
func NewMetrics(queue Counter, channels []string) *Metrics {
	m := &Metrics{
		queue: queue,
		deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "attest_notify_deliveries_total",
			Help: "Notifications a channel accepted, by channel.",
		}, []string{"channel"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "attest_notify_failures_total",
			Help: "Failed notification deliveries, by channel and what followed (retry, dead).",
		}, []string{"channel", "outcome"}),
		depth: prometheus.NewDesc("attest_notify_queue", "Notifications in the queue, by state (pending, delivered, dead).", []string{"state"}, nil),
	}
	for _, c := range channels {
		m.deliveries.WithLabelValues(c)
		m.failures.WithLabelValues(c, "retry")
		m.failures.WithLabelValues(c, "dead")
	}
	return m
}

func (m *Metrics) record(channel, state string) {
	if m == nil {
		return
	}
	switch state {
	case attest.NotificationDelivered:
		m.deliveries.WithLabelValues(channel).Inc()
	case attest.NotificationDead:
		m.failures.WithLabelValues(channel, "dead").Inc()
	default:
		m.failures.WithLabelValues(channel, "retry").Inc()
	}
}

// Describe implements prometheus.Collector.
func (m *Metrics) Describe(ch chan<- *prometheus.Desc) {
	m.deliveries.Describe(ch)
	m.failures.Describe(ch)
	ch <- m.depth
}

// Collect implements prometheus.Collector. When the store does not answer
// within two seconds the depth is left out of the scrape, not reported as
// zero.
func (m *Metrics) Collect(ch chan<- prometheus.Metric) {
	m.deliveries.Collect(ch)
	m.failures.Collect(ch)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := m.queue.NotificationCounts(ctx)
	if err != nil {
		return
	}
	for state, n := range counts {
		ch <- prometheus.MustNewConstMetric(m.depth, prometheus.GaugeValue, float64(n), state)
	}
}
