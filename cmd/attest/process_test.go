package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/postgres"
	"github.com/attest-dev/attest/sqlite"
	"github.com/attest-dev/attest/web"
)

// childArgsEnv, when set, makes the test binary run the attest command line
// it holds (JSON-encoded arguments) instead of the tests: the tests below
// start real `attest serve` processes this way, so they can kill them.
const childArgsEnv = "ATTEST_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	// Called through a link named attest (see TestAction_scanStep), the
	// test binary is attest.
	if filepath.Base(os.Args[0]) == "attest" {
		ctx, stop := signalContext()
		code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	if v := os.Getenv(childArgsEnv); v != "" {
		var args []string
		if err := json.Unmarshal([]byte(v), &args); err != nil {
			fmt.Fprintln(os.Stderr, "child args:", err)
			os.Exit(2)
		}
		ctx, stop := signalContext()
		code := run(ctx, args, os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// serveProcess is an `attest serve` running in a child process.
type serveProcess struct {
	cmd  *exec.Cmd
	base string
	log  *bytes.Buffer
}

func startServe(t *testing.T, db string) *serveProcess {
	t.Helper()
	addr := freeAddr(t)
	args, _ := json.Marshal([]string{"serve", "--db", db, "--addr", addr, "--checkpoint-interval", "200ms"})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(args))
	p := &serveProcess{cmd: cmd, base: "http://" + addr, log: &bytes.Buffer{}}
	cmd.Stdout, cmd.Stderr = io.Discard, &lockedWriter{w: p.log}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(p.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("attest serve not ready: %v; log:\n%s", err, p.log)
		}
	}
}

// cloudTrailBatch is a CloudTrail log file of n records whose eventIDs are
// prefix-0 ... prefix-(n-1).
func cloudTrailBatch(prefix string, n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"Records":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/u%d","accountId":"111122223333","userName":"u%d"},"eventTime":"2026-11-23T08:00:%02dZ","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.%d","userAgent":"aws-cli/2.15","requestParameters":{"bucketName":"b%d"},"responseElements":null,"eventID":"%s-%d","readOnly":true,"eventType":"AwsApiCall","recipientAccountId":"111122223333"}`, i%7, i%7, i%60, i%250, i%3, prefix, i)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// ack is what the server acknowledged: the events of one batch, durable.
type ack struct {
	prefix   string
	n        int
	firstSeq int64
	lastSeq  int64
}

// ingestUntil posts CloudTrail batches from several senders to the servers,
// round robin, until stop is closed or a request fails (the server was
// killed), and returns every acknowledged batch.
func ingestUntil(t *testing.T, token string, bases []string, senders, batch int, stop <-chan struct{}, acked chan<- struct{}) []ack {
	t.Helper()
	var mu sync.Mutex
	var acks []ack
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 10 * time.Second}
	for s := range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				prefix := fmt.Sprintf("s%d-b%d", s, i)
				req, _ := http.NewRequest("POST", bases[(s+i)%len(bases)]+"/api/v1/ingest/cloudtrail", bytes.NewReader(cloudTrailBatch(prefix, batch)))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				var a struct {
					Accepted int   `json:"accepted"`
					FirstSeq int64 `json:"first_seq"`
					LastSeq  int64 `json:"last_seq"`
				}
				err = json.NewDecoder(resp.Body).Decode(&a)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 {
					return // killed mid-answer: not acknowledged
				}
				if a.Accepted != batch || a.LastSeq-a.FirstSeq != int64(batch-1) {
					t.Errorf("ack %+v for a batch of %d", a, batch)
					return
				}
				mu.Lock()
				acks = append(acks, ack{prefix, batch, a.FirstSeq, a.LastSeq})
				mu.Unlock()
				select {
				case acked <- struct{}{}:
				default:
				}
			}
		}()
	}
	wg.Wait()
	return acks
}

// storedEvents reads every event of the store at db, by seq.
func storedEvents(t *testing.T, db string) map[int64]*attest.Event {
	t.Helper()
	ctx := context.Background()
	var store interface {
		attest.EventStore
		Close() error
	}
	if strings.HasPrefix(db, "postgres://") {
		d := postgres.NewDB(db)
		if err := d.Open(ctx); err != nil {
			t.Fatal(err)
		}
		store = d
	} else {
		d := sqlite.NewDB(db)
		if err := d.Open(ctx); err != nil {
			t.Fatal(err)
		}
		store = d
	}
	defer store.Close()
	out := map[int64]*attest.Event{}
	for after := int64(-1); ; {
		page, err := store.FindEvents(ctx, attest.EventFilter{AfterSeq: after, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			return out
		}
		for _, e := range page {
			out[e.Seq] = e
			after = e.Seq
		}
	}
}

// checkAcked asserts that every acknowledged event is stored at the seq it
// was acknowledged with, and that the seqs run from 0 without gaps.
func checkAcked(t *testing.T, acks []ack, events map[int64]*attest.Event) {
	t.Helper()
	for _, a := range acks {
		for i := range a.n {
			seq := a.firstSeq + int64(i)
			e, ok := events[seq]
			if want := fmt.Sprintf("%s-%d", a.prefix, i); !ok || e.ExternalID != want {
				t.Errorf("acknowledged event %s at seq %d: stored %v", want, seq, e)
			}
		}
	}
	for seq := range int64(len(events)) {
		if _, ok := events[seq]; !ok {
			t.Errorf("seq %d is missing: the log has a gap", seq)
		}
	}
}

func auditVerify(t *testing.T, db string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"audit", "verify", "--db", db}, nil, &out, &errOut); code != 0 {
		t.Fatalf("attest audit verify: exit %d\n%s%s", code, out.String(), errOut.String())
	}
}

func adminToken(t *testing.T, db string) string {
	t.Helper()
	initDB(t, db)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"token", "create", "--db", db, "--scope", "admin", "--name", "test"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("token create: exit %d: %s", code, errOut.String())
	}
	return strings.TrimSpace(out.String())
}

// TestServe_CrashKeepsAcknowledgedEvents kills `attest serve` with SIGKILL
// in the middle of a burst of ingestion, then proves that every event it
// acknowledged is stored at its seq, that the log has no gap, that the
// server starts again on the same database, and that the audit log
// verifies.
func TestServe_CrashKeepsAcknowledgedEvents(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "attest.db")
			if backend == "postgres" {
				db = freshPostgres(t)
			}
			token := adminToken(t, db)
			p := startServe(t, db)

			stop := make(chan struct{})
			acked := make(chan struct{}, 1)
			done := make(chan []ack)
			go func() { done <- ingestUntil(t, token, []string{p.base}, 4, 50, stop, acked) }()
			// Let a good number of batches through, then kill the server
			// while the senders are still sending.
			for range 20 {
				select {
				case <-acked:
				case <-time.After(30 * time.Second):
					t.Fatalf("no acknowledgement; log:\n%s", p.log)
				}
			}
			if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			p.cmd.Wait()
			close(stop)
			acks := <-done
			if len(acks) < 20 {
				t.Fatalf("only %d batches acknowledged", len(acks))
			}

			checkAcked(t, acks, storedEvents(t, db))

			// The server starts again on the same database and goes on
			// appending where the log stopped.
			p2 := startServe(t, db)
			stop2 := make(chan struct{})
			acked2 := make(chan struct{}, 1)
			done2 := make(chan []ack)
			go func() { done2 <- ingestUntil(t, token, []string{p2.base}, 1, 10, stop2, acked2) }()
			<-acked2
			close(stop2)
			acks = append(acks, <-done2...)
			if err := p2.cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			if err := p2.cmd.Wait(); err != nil {
				t.Errorf("attest serve after SIGTERM: %v; log:\n%s", err, p2.log)
			}
			checkAcked(t, acks, storedEvents(t, db))
			auditVerify(t, db)
		})
	}
}

// TestServe_TwoProcessesOneLog runs two `attest serve` processes over one
// PostgreSQL database, the way replicas run, and has them append at the same
// time: the log they share has no gap and no fork, every acknowledged event
// is where it was acknowledged, and the audit log verifies.
func TestServe_TwoProcessesOneLog(t *testing.T) {
	db := freshPostgres(t)
	token := adminToken(t, db)
	a, b := startServe(t, db), startServe(t, db)

	stop := make(chan struct{})
	acked := make(chan struct{}, 1)
	done := make(chan []ack)
	go func() { done <- ingestUntil(t, token, []string{a.base, b.base}, 4, 25, stop, acked) }()
	for range 40 {
		select {
		case <-acked:
		case <-time.After(30 * time.Second):
			t.Fatalf("no acknowledgement; logs:\n%s\n%s", a.log, b.log)
		}
	}
	close(stop)
	acks := <-done
	for _, p := range []*serveProcess{a, b} {
		p.cmd.Process.Signal(syscall.SIGTERM)
		if err := p.cmd.Wait(); err != nil {
			t.Errorf("attest serve after SIGTERM: %v; log:\n%s", err, p.log)
		}
	}
	events := storedEvents(t, db)
	checkAcked(t, acks, events)
	// Each process that finds nobody signed in yet prints (and records) a
	// one-time sign-in link: one or both of them.
	links := 0
	for _, e := range events {
		if e.Action == web.ActionLinkCreate {
			links++
		}
	}
	if want := 1 + links + 25*len(acks); len(events) != want || links < 1 || links > 2 {
		t.Errorf("%d events stored, want %d (the token creation, %d sign-in links and %d batches)", len(events), want, links, len(acks))
	}
	auditVerify(t, db)
}
