package auditlog

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
)

// Checkpoint is the body of a signed checkpoint of the log, in the C2SP
// tlog-checkpoint text format: the origin line, the tree size in decimal,
// the base64 root hash, and one extension line "time <RFC 3339>" saying when
// attest signed it.
type Checkpoint struct {
	Origin string
	Size   uint64
	Root   []byte
	Time   time.Time
}

// timePrefix starts the extension line that carries the signing time.
const timePrefix = "time "

// Marshal returns the checkpoint's note text, each line ending in a newline.
func (c Checkpoint) Marshal() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n%d\n%s\n", c.Origin, c.Size, base64.StdEncoding.EncodeToString(c.Root))
	if !c.Time.IsZero() {
		fmt.Fprintf(&b, "%s%s\n", timePrefix, c.Time.UTC().Format(time.RFC3339Nano))
	}
	return b.Bytes()
}

// ParseCheckpoint opens a signed note with the verifier and parses its body
// as a checkpoint. The note must carry a valid signature of the verifier's
// key and its origin must be the key's name. Errors say which line is wrong.
func ParseCheckpoint(text []byte, verifier note.Verifier) (Checkpoint, error) {
	if verifier == nil {
		return Checkpoint{}, errors.New("parse checkpoint: no verifier key")
	}
	n, err := note.Open(text, note.VerifierList(verifier))
	if err != nil {
		var unverified *note.UnverifiedNoteError
		if errors.As(err, &unverified) {
			return Checkpoint{}, fmt.Errorf("parse checkpoint: no valid signature by key %q", verifier.Name())
		}
		return Checkpoint{}, fmt.Errorf("parse checkpoint: %w", err)
	}
	c, err := parseBody(n.Text)
	if err != nil {
		return Checkpoint{}, fmt.Errorf("parse checkpoint: %w", err)
	}
	if c.Origin != verifier.Name() {
		return Checkpoint{}, fmt.Errorf("parse checkpoint: line 1: origin %q is not the key's name %q", c.Origin, verifier.Name())
	}
	return c, nil
}

func parseBody(text string) (Checkpoint, error) {
	if !strings.HasSuffix(text, "\n") {
		return Checkpoint{}, errors.New("body does not end in a newline")
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) < 3 {
		return Checkpoint{}, fmt.Errorf("body has %d lines, want at least 3 (origin, size, root)", len(lines))
	}
	var c Checkpoint
	c.Origin = lines[0]
	if c.Origin == "" {
		return Checkpoint{}, errors.New("line 1: empty origin")
	}
	size, err := strconv.ParseUint(lines[1], 10, 64)
	if err != nil || lines[1] != strconv.FormatUint(size, 10) {
		return Checkpoint{}, fmt.Errorf("line 2: tree size %q is not a decimal number", lines[1])
	}
	c.Size = size
	root, err := base64.StdEncoding.Strict().DecodeString(lines[2])
	if err != nil {
		return Checkpoint{}, fmt.Errorf("line 3: root hash: %w", err)
	}
	if len(root) != HashSize {
		return Checkpoint{}, fmt.Errorf("line 3: root hash is %d bytes, want %d", len(root), HashSize)
	}
	c.Root = root
	for i, l := range lines[3:] {
		if ts, ok := strings.CutPrefix(l, timePrefix); ok {
			t, err := time.Parse(time.RFC3339Nano, ts)
			if err != nil {
				return Checkpoint{}, fmt.Errorf("line %d: %w", i+4, err)
			}
			c.Time = t
		}
	}
	return c, nil
}

// HashSize is the size of leaf, node and root hashes (SHA-256).
const HashSize = 32

// GenerateKey returns a new Ed25519 note signer key and its verifier key,
// named origin (the log's origin line). The signer key is secret.
func GenerateKey(origin string) (signerKey, verifierKey string, err error) {
	skey, vkey, err := note.GenerateKey(rand.Reader, origin)
	if err != nil {
		return "", "", fmt.Errorf("generate key %q: %w", origin, err)
	}
	return skey, vkey, nil
}
