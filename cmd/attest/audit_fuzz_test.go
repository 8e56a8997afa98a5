package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/attest-dev/attest/auditlog"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/sqlite"
	"golang.org/x/mod/sumdb/note"
)

// FuzzDecodeProof feeds audit verify --server's reader of consistency proofs
// (the JSON a server, perhaps a hostile one, answers) with anything: it must
// never panic, must accept only the proof asked for with at most
// maxProofHashes hashes of 32 bytes, and what it accepts must go through
// VerifyConsistency without a panic. The committed corpus
// (testdata/fuzz/FuzzDecodeProof) holds a genuine proof and the broken
// shapes; the seeds below add a genuine proof of a real log.
func FuzzDecodeProof(f *testing.F) {
	path, vkey, latest := auditFixture(f)
	ctx := context.Background()
	db := sqlite.NewDB(path)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.Open(ctx); err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		f.Fatal(err)
	}
	to, err := auditlog.ParseCheckpoint(latest, verifier)
	if err != nil {
		f.Fatal(err)
	}
	cps, err := db.Checkpoints(ctx)
	if err != nil || len(cps) == 0 {
		f.Fatalf("checkpoints: %v", err)
	}
	from, err := auditlog.ParseCheckpoint(cps[0].Note, verifier)
	if err != nil {
		f.Fatal(err)
	}
	l := auditlog.NewLog(db, auditlog.Keys{Verifier: verifier})
	proof, err := l.ConsistencyProof(ctx, from.Size, to.Size)
	if err != nil {
		f.Fatal(err)
	}
	genuine, err := json.Marshal(attesthttp.ConsistencyResponse{From: from.Size, To: to.Size, Proof: proof})
	if err != nil {
		f.Fatal(err)
	}
	if p, err := decodeProof(genuine, from.Size, to.Size); err != nil ||
		auditlog.VerifyConsistency(from.Size, to.Size, p, from.Root, to.Root) != nil {
		f.Fatalf("the genuine proof %s does not decode and verify: %v", genuine, err)
	}
	f.Add(genuine, from.Size, to.Size)
	f.Add(genuine[:len(genuine)/2], from.Size, to.Size)
	f.Add(genuine, from.Size+1, to.Size)

	f.Fuzz(func(t *testing.T, body []byte, fromSize, toSize uint64) {
		p, err := decodeProof(body, fromSize, toSize)
		if err != nil {
			return
		}
		if len(p) > maxProofHashes {
			t.Fatalf("accepted %d hashes", len(p))
		}
		for i, h := range p {
			if len(h) != auditlog.HashSize {
				t.Fatalf("accepted hash %d of %d bytes", i, len(h))
			}
		}
		// Against the real roots, only the genuine proof between the
		// real sizes may verify.
		if auditlog.VerifyConsistency(fromSize, toSize, p, from.Root, to.Root) == nil &&
			(fromSize != from.Size || toSize != to.Size) && fromSize != toSize {
			t.Fatalf("a proof between sizes %d and %d verified the roots of sizes %d and %d", fromSize, toSize, from.Size, to.Size)
		}
	})
}

func TestDecodeProof(t *testing.T) {
	h := `"` + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" + `"`
	tests := []struct {
		name, body string
		wantErr    string
	}{
		{"good", `{"from":10,"to":30,"proof":[` + h + `,` + h + `]}`, ""},
		{"empty proof", `{"from":30,"to":30,"proof":[]}`, "asked for 10 and 30"},
		{"other sizes", `{"from":11,"to":30,"proof":[` + h + `]}`, "between sizes 11 and 30"},
		{"short hash", `{"from":10,"to":30,"proof":["AAAA"]}`, "hash 0 is 3 bytes"},
		{"null proof", `{"from":10,"to":30,"proof":null}`, `want "from", "to" and "proof"`},
		{"no sizes", `{"proof":[]}`, `want "from", "to" and "proof"`},
		{"not json", `<html>`, "not a consistency proof"},
		{"too many", `{"from":10,"to":30,"proof":[` + strings.Repeat(h+",", 200) + h + `]}`, "201 hashes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := decodeProof([]byte(tt.body), 10, 30)
			if tt.wantErr == "" {
				if err != nil || len(p) != 2 {
					t.Fatalf("decodeProof = %d hashes, %v", len(p), err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("decodeProof error %v, want %q", err, tt.wantErr)
			}
		})
	}
}
