// Package notify delivers alerts to people: a router that picks channels by
// an alert's severity, rule, source and controls; the channels (a signed
// generic webhook, a Slack incoming webhook, PagerDuty Events API v2, email
// over SMTP); and a dispatcher that works the durable queue of
// attest.NotificationStore.
//
// The queue is the store's, not this package's: a notification is a job row
// made when an alert is raised or resolved (Notifier.Enqueue), one per
// alert, channel and kind, so posting the same events twice or running
// several replicas makes no second message. Dispatchers claim due jobs with
// a lease (PostgreSQL FOR UPDATE SKIP LOCKED; SQLite's one writer), deliver
// each within its channel's timeout, and record the outcome:
//
//   - accepted (2xx, SMTP 250): delivered;
//   - refused for good (HTTP 4xx other than 408 and 429, SMTP 5xx): dead at
//     once, with the answer's status and first bytes kept as the job's
//     last error;
//   - anything else (5xx, 408, 429, timeouts, refused connections, SMTP 4xx):
//     retried after an exponential backoff with jitter, or after the
//     answer's Retry-After when that is later, until MaxAttempts, then dead.
//
// A dispatcher that stops gives back the jobs it has not finished; a
// dispatcher that crashes leaves them to be claimed again when their lease
// passes. Dead jobs are listed by GET /api/v1/notifications?state=dead and
// sent back to the queue by POST /api/v1/notifications/{id}/retry.
//
// Secrets (the webhook's HMAC key, the Slack URL, the PagerDuty routing
// key, the SMTP password) are read from environment variables or files
// that the configuration names, never from the configuration itself, and
// they print as "[redacted]"; delivery errors never carry a request URL.
package notify
