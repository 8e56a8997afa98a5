package sqlite_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/sqlite"
	"github.com/attest-dev/attest/storetest"
)

const crashEnv = "ATTEST_SQLITE_CRASH_DB"

// TestMain runs the appending child of TestDB_Crash when crashEnv is set.
func TestMain(m *testing.M) {
	if path := os.Getenv(crashEnv); path != "" {
		os.Exit(crashChild(path))
	}
	os.Exit(m.Run())
}

// crashChild appends batches of 10 events until killed, publishing a
// checkpoint after each, and prints "ack N" once the batch ending at seq N
// is acknowledged.
func crashChild(path string) int {
	ctx := context.Background()
	db := sqlite.NewDB(path)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	keys, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest.test/log")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	l := auditlog.NewLog(db, keys)
	for i := 0; ; i += 10 {
		batch := storetest.NewEvents(i, i+10)
		if err := db.AppendEvents(ctx, batch); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("ack %d\n", batch[len(batch)-1].Seq)
		if _, err := l.Publish(ctx); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
}

// TestDB_Crash kills a process appending to the database with SIGKILL in the
// middle of a burst and checks that every acknowledged event survived and the
// log still verifies.
func TestDB_Crash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "attest.db")
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashEnv+"="+path)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		acked := int64(-1)
		lines := 0
		for sc.Scan() {
			n, err := strconv.ParseInt(strings.TrimPrefix(sc.Text(), "ack "), 10, 64)
			if err != nil {
				t.Fatalf("child printed %q", sc.Text())
			}
			acked = n
			if lines++; lines == 30+round*7 {
				cmd.Process.Signal(syscall.SIGKILL)
			}
		}
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("round %d: child was not killed: %v; stderr: %s", round, err, stderr.String())
		}
		db := openTest(t, path)
		ctx := context.Background()
		events, err := db.FindEvents(ctx, attest.EventFilter{AfterSeq: -1})
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(events)) <= acked {
			t.Fatalf("round %d: %d events stored, acknowledged up to seq %d", round, len(events), acked)
		}
		for i, e := range events {
			if e.Seq != int64(i) {
				t.Fatalf("round %d: event %d has seq %d", round, i, e.Seq)
			}
		}
		keys, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest.test/log")
		if err != nil {
			t.Fatal(err)
		}
		rep, err := auditlog.Verify(ctx, db, keys.Verifier, auditlog.VerifyOptions{})
		if err != nil || !rep.OK() {
			t.Fatalf("round %d: Verify = %+v, %v", round, rep, err)
		}
		t.Logf("round %d: acknowledged up to seq %d, %d stored, %d checkpoints verified", round, acked, len(events), rep.Checkpoints)
		db.Close()
	}
}
