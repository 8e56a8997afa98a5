package attest

import "time"

// Finding statuses.
const (
	StatusPass   = "pass"
	StatusFail   = "fail"
	StatusWaived = "waived"
	// StatusUnknown is a verdict the rule could not reach because a value it
	// reads is not known statically. It neither fails nor counts as evidence.
	StatusUnknown = "unknown"
	// StatusError is a verdict the rule could not reach because its
	// evaluation on the resource failed (conflicting values, a built-in
	// given the wrong type). The message says why; the rule's other
	// verdicts, and the other rules' verdicts on the resource, stand.
	StatusError = "error"
)

// Finding is a rule's verdict on a resource. Passes are kept: they are the
// evidence that a control operates.
type Finding struct {
	RuleID   string `json:"rule_id"`
	Severity string `json:"severity"`
	Status   string `json:"status"`
	// Message says what is wrong (or, for a pass, what was checked).
	Message string `json:"message,omitempty"`
	// Resource is the address of the resource within its root.
	Resource     string `json:"resource"`
	ResourceType string `json:"resource_type"`
	// Format is the input format of the resource (attest.Format*), which
	// picks the remediation shown.
	Format      string  `json:"format,omitempty"`
	Root        string  `json:"root"`
	Range       Range   `json:"range"`
	ModuleCalls []Range `json:"module_calls,omitempty"`
	// Exception is set when Status is StatusWaived.
	Exception *Exception `json:"exception,omitempty"`
	// Known marks a failure that a baseline report already had: it is
	// shown but does not count toward the exit code.
	Known bool `json:"known,omitempty"`
}

// Exception is an accepted risk: a rule waived for resources that match a
// pattern, with an owner, a justification and an expiry. An expired exception
// stops waiving and is itself reported.
type Exception struct {
	RuleID string `json:"rule_id"`
	// Resource is a glob over resource addresses ("*" matches everything);
	// it may be prefixed by the root ("stacks/web:aws_s3_bucket.logs").
	Resource      string `json:"resource"`
	Justification string `json:"justification"`
	Owner         string `json:"owner,omitempty"`
	// Expires is the last day the exception holds, as written in the
	// register (midnight UTC of that date).
	Expires time.Time `json:"expires,omitzero"`
	Ticket  string    `json:"ticket,omitempty"`
	// Source is where the exception was declared (config file or inline
	// comment).
	Source Pos `json:"source"`
}

// Expired reports whether the exception has expired at now. An exception
// holds through the whole of its expiry day (UTC); one with no expiry never
// expires.
func (e *Exception) Expired(now time.Time) bool {
	return !e.Expires.IsZero() && !now.Before(e.Expires.AddDate(0, 0, 1))
}
