package main

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestSignal_SecondEndsTheProcess: the first SIGTERM asks for a graceful
// stop; a command blocked where the context cannot reach it (here: opening
// a FIFO given as a report) ends at the second.
func TestSignal_SecondEndsTheProcess(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "report.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	args, _ := json.Marshal([]string{"vulns", "merge", fifo})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	// The child must reach the blocking open within the wait below; the
	// huge-page reservation takes about a second under the race detector
	// (it clears the detector's shadow of the reserved block), so it is off.
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(args), "ATTEST_HUGEPAGES=0")
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })
	time.Sleep(500 * time.Millisecond) // let it reach the blocking open
	for i := 0; i < 2; i++ {
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			return // it has already ended
		}
		time.Sleep(300 * time.Millisecond)
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the process did not end after a second SIGTERM")
	}
}
