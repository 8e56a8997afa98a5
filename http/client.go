package http

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/attest-dev/attest"
)

// Client reads the evidence, the control statuses, the alerts and the latest checkpoint
// of a running attest serve with a read token. It is an evidence.Reader,
// so the auditor's report can be made from a server as from a database.
type Client struct {
	// BaseURL is the server's base URL, such as https://attest.example.com.
	BaseURL string
	Token   string
	HTTP    *http.Client

	mu sync.Mutex
	// meta keeps the metadata of the evidence listed, for EvidenceByID;
	// cursors the next cursor after each page's last id.
	meta    map[int64]*attest.Evidence
	cursors map[int64]string
}

// NewClient returns a client of the server at base with token.
func NewClient(base, token string) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, attest.Errorf(attest.EINVALID, "server URL %q: want http:// or https://", base)
	}
	return &Client{BaseURL: u.String(), Token: token, HTTP: &http.Client{Timeout: 5 * time.Minute},
		meta: map[int64]*attest.Evidence{}, cursors: map[int64]string{}}, nil
}

// get fetches path and returns the body of a 200 answer, or an error with
// the server's message.
func (c *Client) get(ctx context.Context, path string, limit int64) ([]byte, http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+path, nil)
	if err != nil {
		return nil, nil, err
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, nil, attest.Errorf(attest.EUNAVAILABLE, "get %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, nil, attest.Errorf(attest.EUNAVAILABLE, "get %s: %v", path, err)
	}
	if int64(len(body)) > limit {
		return nil, nil, fmt.Errorf("get %s: answer over %d bytes", path, limit)
	}
	if resp.StatusCode != http.StatusOK {
		var e errorBody
		msg := strings.TrimSpace(string(body))
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			msg = e.Error
		}
		code := attest.EINTERNAL
		for c, st := range statusByCode {
			if st == resp.StatusCode {
				code = c
			}
		}
		return nil, nil, attest.Errorf(code, "get %s: %s: %s", path, resp.Status, msg)
	}
	return body, resp.Header, nil
}

// FindEvidence lists evidence as GET /api/v1/evidence does. BeforeID is
// honoured for the ids this client was given last on a page (the server's
// cursor is opaque), which is how evidence.LoadHistory pages.
func (c *Client) FindEvidence(ctx context.Context, f attest.EvidenceFilter) ([]*attest.Evidence, error) {
	q := url.Values{}
	for k, v := range map[string]string{"kind": f.Kind, "repository": f.Repository, "branch": f.Branch, "digest": f.Digest, "root": f.Root} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if !f.From.IsZero() {
		q.Set("from", f.From.UTC().Format(time.RFC3339Nano))
	}
	if !f.To.IsZero() {
		q.Set("to", f.To.UTC().Format(time.RFC3339Nano))
	}
	limit := f.Limit
	if limit <= 0 || limit > MaxLimit {
		limit = MaxLimit
	}
	q.Set("limit", strconv.Itoa(limit))
	if f.BeforeID > 0 {
		c.mu.Lock()
		cur, ok := c.cursors[f.BeforeID]
		c.mu.Unlock()
		if !ok {
			return nil, attest.Errorf(attest.EINVALID, "this client can page only from the last evidence of a page it read, not from %d", f.BeforeID)
		}
		if cur == "" {
			return nil, nil // that page was the last
		}
		q.Set("cursor", cur)
	}
	body, _, err := c.get(ctx, "/api/v1/evidence?"+q.Encode(), 64<<20)
	if err != nil {
		return nil, err
	}
	var page EvidencePage
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, fmt.Errorf("evidence list: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range page.Evidence {
		c.meta[e.ID] = e
	}
	if n := len(page.Evidence); n > 0 {
		c.cursors[page.Evidence[n-1].ID] = page.NextCursor
	}
	return page.Evidence, nil
}

// EvidenceByID fetches a report exactly as uploaded and checks it against
// the SHA-256 the list gave; the evidence must have been listed by this
// client first (the metadata comes from the list).
func (c *Client) EvidenceByID(ctx context.Context, id int64) (*attest.Evidence, error) {
	c.mu.Lock()
	meta, ok := c.meta[id]
	c.mu.Unlock()
	if !ok {
		return nil, attest.Errorf(attest.ENOTFOUND, "evidence %d was not listed by this client", id)
	}
	body, _, err := c.get(ctx, "/api/v1/evidence/"+strconv.FormatInt(id, 10), 1<<30)
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(body); hex.EncodeToString(sum[:]) != meta.SHA256 {
		return nil, fmt.Errorf("evidence %d: the body the server sent does not hash to its sha256 %s", id, meta.SHA256)
	}
	e := *meta
	e.Body = bytes.Clone(body)
	return &e, nil
}

// ControlStatuses asks the server for the statuses of the days in [from,
// to), in runs of at most MaxStatusDays days.
func (c *Client) ControlStatuses(ctx context.Context, framework string, from, to time.Time) ([]attest.ControlStatus, error) {
	var out []attest.ControlStatus
	for start := from; start.Before(to); start = start.AddDate(0, 0, MaxStatusDays) {
		end := start.AddDate(0, 0, MaxStatusDays)
		if end.After(to) {
			end = to
		}
		q := url.Values{"framework": {framework}, "from": {start.Format(time.DateOnly)}, "to": {end.Format(time.DateOnly)}}
		body, _, err := c.get(ctx, "/api/v1/controls/status?"+q.Encode(), 256<<20)
		if err != nil {
			return nil, err
		}
		var page ControlStatusPage
		if err := json.Unmarshal(body, &page); err != nil {
			return nil, fmt.Errorf("control statuses: %w", err)
		}
		out = append(out, page.Statuses...)
	}
	return out, nil
}

// Checkpoint returns the server's latest signed checkpoint, or nil when it
// has signed none.
func (c *Client) Checkpoint(ctx context.Context) ([]byte, error) {
	body, _, err := c.get(ctx, "/api/v1/log/checkpoint", 1<<20)
	if attest.ErrorCode(err) == attest.ENOTFOUND {
		return nil, nil
	}
	return body, err
}

// FindAlerts lists alerts as GET /api/v1/alerts does, newest first; it
// makes the client an evidence.AlertFinder, so a report made from a server
// weighs alerts as one made from the database does. The server's alert
// cursor continues after an alert id, so BeforeID pages directly.
func (c *Client) FindAlerts(ctx context.Context, f attest.AlertFilter) ([]*attest.Alert, error) {
	q := url.Values{}
	for k, v := range map[string]string{"status": f.Status, "severity": f.Severity, "rule": f.Rule, "source": f.Source} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if !f.From.IsZero() {
		q.Set("from", f.From.UTC().Format(time.RFC3339Nano))
	}
	if !f.To.IsZero() {
		q.Set("to", f.To.UTC().Format(time.RFC3339Nano))
	}
	limit := f.Limit
	if limit <= 0 || limit > MaxLimit {
		limit = MaxLimit
	}
	q.Set("limit", strconv.Itoa(limit))
	if f.BeforeID > 0 {
		q.Set("cursor", EncodeAlertCursor(f.BeforeID))
	}
	body, _, err := c.get(ctx, "/api/v1/alerts?"+q.Encode(), 64<<20)
	if err != nil {
		return nil, err
	}
	var page AlertsPage
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, fmt.Errorf("alert list: %w", err)
	}
	return page.Alerts, nil
}
