package admission

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/kubernetes"
	"github.com/attest-dev/attest/policy"
	"github.com/attest-dev/attest/scan"
	admissionv1 "k8s.io/api/admission/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Namespace modes.
const (
	// ModeEnforce denies requests with violations.
	ModeEnforce = "enforce"
	// ModeAudit allows them with warnings.
	ModeAudit = "audit"
	// ModeOff neither judges nor records.
	ModeOff = "off"
)

// Source is the event source of admission decisions in the audit log.
const Source = "admission"

// Root is the root of the resources the webhook judges, as a register entry
// may name it ("admission:Deployment/payments/*"); the old object of an
// UPDATE is judged under OldRoot.
const (
	Root    = "admission"
	OldRoot = "admission-old"
)

// Ids of the image gate's checks, named in messages and events like rule ids.
const (
	GateUnpinned   = "image-gate-unpinned"
	GateNoReport   = "image-gate-no-report"
	GateVulnerable = "image-gate-vulnerable"
)

// Config is the policy of the webhook.
type Config struct {
	// DefaultMode is the mode of namespaces not in Namespaces and of
	// cluster-scoped objects; ModeAudit when empty.
	DefaultMode string
	// Namespaces maps namespace names to modes.
	Namespaces map[string]string
	// FailOn is the lowest severity of a rule failure that is a violation;
	// attest.SeverityHigh when empty.
	FailOn string
	// Exceptions is the register of accepted risks (.attest.yaml).
	Exceptions []attest.Exception
	// ImageGate turns the image gate on.
	ImageGate bool
}

// Validate checks the modes and the severity; it returns EINVALID.
func (c Config) Validate() error {
	valid := func(m string) bool { return m == ModeEnforce || m == ModeAudit || m == ModeOff }
	if c.DefaultMode != "" && !valid(c.DefaultMode) {
		return attest.Errorf(attest.EINVALID, "admission default mode %q: want enforce, audit or off", c.DefaultMode)
	}
	for ns, m := range c.Namespaces {
		if !valid(m) {
			return attest.Errorf(attest.EINVALID, "admission mode of namespace %q is %q: want enforce, audit or off", ns, m)
		}
	}
	if c.FailOn != "" && attest.SeverityRank(c.FailOn) == 0 {
		return attest.Errorf(attest.EINVALID, "admission fail_on %q is not a severity", c.FailOn)
	}
	return nil
}

// Mode returns the mode of a namespace ("" for a cluster-scoped object).
func (c Config) Mode(namespace string) string {
	if m, ok := c.Namespaces[namespace]; ok {
		return m
	}
	return cmp.Or(c.DefaultMode, ModeAudit)
}

// Evidence finds uploaded vulnerability reports; attest.EvidenceStore
// satisfies it.
type Evidence interface {
	// FindEvidence returns the evidence that matches f, newest first,
	// without bodies.
	FindEvidence(ctx context.Context, f attest.EvidenceFilter) ([]*attest.Evidence, error)
	// EvidenceByID returns one piece of evidence with its body, or
	// ENOTFOUND.
	EvidenceByID(ctx context.Context, id int64) (*attest.Evidence, error)
}

// Recorder appends decisions to the audit log; attest.EventStore satisfies
// it.
type Recorder interface {
	// AppendEvents stores the events durably (see attest.EventStore).
	AppendEvents(ctx context.Context, events []*attest.Event) error
}

// Webhook judges admission requests. Set its fields, then call Review from
// any number of goroutines.
type Webhook struct {
	// Engine is compiled once, at startup.
	Engine *policy.Engine
	Config Config
	// Evidence is required when Config.ImageGate is set.
	Evidence Evidence
	// Events records each decision; required.
	Events Recorder
	Now    func() time.Time
	Logger *slog.Logger
}

// Violation is one reason to deny: a rule failure or an image gate check.
type Violation struct {
	RuleID   string `json:"rule_id"`
	Severity string `json:"severity,omitempty"`
	Message  string `json:"message"`
	// Existing marks a violation the old object of an UPDATE already had:
	// it warns and does not deny.
	Existing bool `json:"existing,omitempty"`
}

// Decision is the outcome of one request, as recorded in the audit log.
type Decision struct {
	UID       string   `json:"uid"`
	Operation string   `json:"operation"`
	DryRun    bool     `json:"dry_run"`
	Mode      string   `json:"mode"`
	Namespace string   `json:"namespace,omitempty"`
	Kind      string   `json:"kind"`
	Name      string   `json:"name,omitempty"`
	Resource  string   `json:"resource"`
	User      string   `json:"user"`
	Groups    []string `json:"groups,omitempty"`
	Allowed   bool     `json:"allowed"`
	// DeniedBy are the rule and gate ids that denied (or, under audit,
	// would have denied) the request.
	DeniedBy   []string    `json:"denied_by,omitempty"`
	Violations []Violation `json:"violations,omitempty"`
	Warnings   []string    `json:"warnings,omitempty"`
	// Images are the container images judged by the gate.
	Images []ImageVerdict `json:"images,omitempty"`
	// Error is why the object could not be judged, for an "error" record.
	Error string `json:"error,omitempty"`
}

// Event actions of decisions; a dry-run request's carry ".dry-run" before
// the verb ("admission.dry-run.deny"), so that no one reads a dry run as an
// enforcement.
const (
	ActionAllow = "admission.allow"
	ActionDeny  = "admission.deny"
	ActionError = "admission.error"
)

// maxWarnings bounds the warnings of one answer; kube-apiserver shows each
// to the user, and long lists help no one.
const (
	maxWarnings    = 20
	maxWarningSize = 512
)

// Review judges one request and records the decision. It returns an error
// when the object cannot be judged (EINVALID: it does not decode;
// EUNAVAILABLE: the store cannot be reached; other codes: evaluation
// failed); the caller answers it with an error status, and kube-apiserver
// applies the webhook's failurePolicy. Such requests are recorded too, with
// the action admission.error, when the store allows it.
func (w *Webhook) Review(ctx context.Context, req *admissionv1.AdmissionRequest) (*admissionv1.AdmissionResponse, error) {
	resp := &admissionv1.AdmissionResponse{UID: req.UID, Allowed: true}
	switch req.Operation {
	case admissionv1.Create, admissionv1.Update:
	default:
		// DELETE and CONNECT (exec, attach, port-forward) change nothing
		// that the rules judge.
		return resp, nil
	}
	if req.SubResource != "" && req.SubResource != "ephemeralcontainers" {
		// status and scale updates do not change the spec the rules read;
		// ephemeralcontainers (kubectl debug) adds containers to the pod,
		// whose object is the whole pod, and is judged like it.
		return resp, nil
	}
	mode := w.Config.Mode(req.Namespace)
	if mode == ModeOff {
		return resp, nil
	}
	now := w.now()
	d := &Decision{
		UID:       string(req.UID),
		Operation: string(req.Operation),
		DryRun:    req.DryRun != nil && *req.DryRun,
		Mode:      mode,
		Namespace: req.Namespace,
		Kind:      req.Kind.Kind,
		Name:      req.Name,
		User:      req.UserInfo.Username,
		Groups:    req.UserInfo.Groups,
	}
	if err := w.judge(ctx, req, d, now); err != nil {
		d.Error = attest.ErrorMessage(err)
		if rerr := w.record(ctx, d, ActionError, now); rerr != nil {
			w.logger().Warn("record admission error", "uid", d.UID, "err", rerr)
		}
		return nil, err
	}
	d.Allowed = mode != ModeEnforce || len(d.DeniedBy) == 0
	action := ActionAllow
	if !d.Allowed {
		action = ActionDeny
	}
	if err := w.record(ctx, d, action, now); err != nil {
		return nil, err
	}
	resp.Allowed = d.Allowed
	resp.Warnings = d.Warnings
	if !d.Allowed {
		resp.Result = &metav1.Status{
			Status:  metav1.StatusFailure,
			Code:    403,
			Reason:  metav1.StatusReasonForbidden,
			Message: denialMessage(d),
		}
	}
	return resp, nil
}

// judge fills the decision's violations and warnings.
func (w *Webhook) judge(ctx context.Context, req *admissionv1.AdmissionRequest, d *Decision, now time.Time) error {
	if len(req.Object.Raw) == 0 {
		return attest.Errorf(attest.EINVALID, "admission request %s: %s %s has no object", req.UID, req.Operation, req.Kind.Kind)
	}
	obj, err := decode(req.Object.Raw, req.Namespace)
	if err != nil {
		return attest.Errorf(attest.EINVALID, "admission request %s: object: %v", req.UID, err)
	}
	res := kubernetes.ObjectResource(obj, Root, attest.Range{})
	d.Resource = res.Address
	if d.Kind == "" {
		d.Kind = res.Type
	}
	resources := []attest.Resource{res}
	var old *attest.Resource
	if req.Operation == admissionv1.Update && len(req.OldObject.Raw) > 0 {
		o, err := decode(req.OldObject.Raw, req.Namespace)
		if err != nil {
			return attest.Errorf(attest.EINVALID, "admission request %s: old object: %v", req.UID, err)
		}
		r := kubernetes.ObjectResource(o, OldRoot, attest.Range{})
		old = &r
		resources = append(resources, r)
	}
	findings, expired, diags, err := scan.Judge(ctx, w.Engine, resources, w.Config.Exceptions, now)
	if err != nil {
		return err
	}
	failOn := attest.SeverityRank(cmp.Or(w.Config.FailOn, attest.SeverityHigh))
	oldFails := map[string]bool{}
	for _, f := range findings {
		if f.Root == OldRoot && f.Status == attest.StatusFail {
			oldFails[f.RuleID+"\x00"+f.Message] = true
		}
	}
	for _, f := range findings {
		if f.Root != Root {
			continue
		}
		switch f.Status {
		case attest.StatusFail:
			if attest.SeverityRank(f.Severity) < failOn {
				d.warn("%s (%s, below fail_on): %s", f.RuleID, f.Severity, f.Message)
				continue
			}
			d.violate(Violation{RuleID: f.RuleID, Severity: f.Severity, Message: f.Message, Existing: oldFails[f.RuleID+"\x00"+f.Message]})
		case attest.StatusUnknown:
			d.warn("%s could not be decided: %s", f.RuleID, f.Message)
		case attest.StatusError:
			if d.Mode == ModeEnforce {
				return fmt.Errorf("rule %s on %s: %s", f.RuleID, res.Address, f.Message)
			}
			d.warn("%s could not be evaluated: %s", f.RuleID, f.Message)
		}
	}
	for _, e := range expired {
		d.warn("exception for %s on %s expired on %s and no longer waives", e.RuleID, e.Resource, e.Expires.Format(time.DateOnly))
	}
	for _, diag := range diags {
		d.warn("%s", diag.Summary)
	}
	if w.Config.ImageGate {
		if err := w.gate(ctx, res, old, d); err != nil {
			return err
		}
	}
	return nil
}

// decode reads an object and gives it the request's namespace when it
// names none (kube-apiserver fills it in, but a request may carry it
// only outside the object).
func decode(raw []byte, namespace string) (map[string]any, error) {
	obj, err := kubernetes.DecodeObject(raw)
	if err != nil {
		return nil, err
	}
	if namespace != "" {
		meta, _ := obj["metadata"].(map[string]any)
		if meta == nil {
			meta = map[string]any{}
			obj["metadata"] = meta
		}
		if ns, _ := meta["namespace"].(string); ns == "" {
			meta["namespace"] = namespace
		}
	}
	return obj, nil
}

// violate adds a violation: a denial reason, or a warning when the old
// object already had it.
func (d *Decision) violate(v Violation) {
	d.Violations = append(d.Violations, v)
	switch {
	case v.Existing:
		d.warn("%s (already failing before this update, not denied): %s", v.RuleID, v.Message)
	default:
		if !slices.Contains(d.DeniedBy, v.RuleID) {
			d.DeniedBy = append(d.DeniedBy, v.RuleID)
		}
		if d.Mode == ModeAudit {
			d.warn("%s (audit mode, would deny): %s", v.RuleID, v.Message)
		}
	}
}

// warn adds a warning, bounded in size and number.
func (d *Decision) warn(format string, args ...any) {
	msg := "attest: " + fmt.Sprintf(format, args...)
	if len(msg) > maxWarningSize {
		msg = msg[:maxWarningSize-3] + "..."
	}
	switch {
	case len(d.Warnings) < maxWarnings:
		d.Warnings = append(d.Warnings, msg)
	case len(d.Warnings) == maxWarnings:
		d.Warnings = append(d.Warnings, "attest: more warnings left out; see the decision in the audit log")
	}
}

// denialMessage names the object and every violation that denied it.
func denialMessage(d *Decision) string {
	var b strings.Builder
	fmt.Fprintf(&b, "attest denied %s %s (denied by %s):", strings.ToLower(d.Operation), d.Resource, strings.Join(d.DeniedBy, ", "))
	for _, v := range d.Violations {
		if v.Existing {
			continue
		}
		fmt.Fprintf(&b, " [%s] %s;", v.RuleID, v.Message)
	}
	return strings.TrimSuffix(b.String(), ";")
}

// record appends the decision to the audit log.
func (w *Webhook) record(ctx context.Context, d *Decision, action string, now time.Time) error {
	if w.Events == nil {
		return errors.New("record decision: no event store")
	}
	raw, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("record decision: %w", err)
	}
	if d.DryRun {
		action = strings.Replace(action, "admission.", "admission.dry-run.", 1)
	}
	outcome := attest.OutcomeSuccess
	switch action {
	case ActionDeny, "admission.dry-run.deny":
		outcome = attest.OutcomeFailure
	case ActionError, "admission.dry-run.error":
		outcome = attest.OutcomeUnknown
	}
	target := d.Resource
	if target == "" {
		target = strings.Trim(d.Kind+"/"+d.Namespace+"/"+d.Name, "/")
	}
	ev := &attest.Event{
		Time:       now.UTC(),
		Received:   now.UTC(),
		Source:     Source,
		ExternalID: d.UID,
		Actor:      d.User,
		Action:     action,
		Target:     target,
		Outcome:    outcome,
		Raw:        raw,
	}
	if d.UID != "" {
		// kube-apiserver retries a call that failed with the same uid;
		// a retry that reaches the same verdict is one record.
		ev.DedupKey = d.UID + " " + action
	}
	if err := w.Events.AppendEvents(ctx, []*attest.Event{ev}); err != nil {
		return fmt.Errorf("record decision: %w", err)
	}
	return nil
}

func (w *Webhook) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

func (w *Webhook) logger() *slog.Logger {
	if w.Logger != nil {
		return w.Logger
	}
	return slog.New(slog.DiscardHandler)
}
