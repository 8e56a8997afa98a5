package auditlog

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/attest-dev/attest"
	"golang.org/x/mod/sumdb/note"
)

// Keys are the log's signer and verifier, loaded or created by LoadOrCreateKey.
type Keys struct {
	Signer   note.Signer
	Verifier note.Verifier
	// VerifierKey is the public key in note format
	// ("<origin>+<hash>+<base64>"); print it at start and publish it so
	// that auditors can verify checkpoints.
	VerifierKey string
}

// LoadOrCreateKey returns the key kept in ks, generating and storing a new
// Ed25519 key named origin on first start. A stored key with another name
// than origin is an error: checkpoints name the origin they belong to.
func LoadOrCreateKey(ctx context.Context, ks KeyStore, origin string) (Keys, error) {
	skey, vkey, err := ks.LoadKey(ctx)
	if attest.ErrorCode(err) == attest.ENOTFOUND {
		s, v, gerr := GenerateKey(origin)
		if gerr != nil {
			return Keys{}, gerr
		}
		skey, vkey, err = ks.StoreKey(ctx, s, v)
	}
	if err != nil {
		return Keys{}, fmt.Errorf("signing key: %w", err)
	}
	return ParseKeys(skey, vkey, origin)
}

// ParseKeys parses a note signer key and verifier key and checks that they
// belong together and are named origin (empty: any name).
func ParseKeys(signerKey, verifierKey, origin string) (Keys, error) {
	s, err := note.NewSigner(signerKey)
	if err != nil {
		return Keys{}, fmt.Errorf("signing key: %w", err)
	}
	v, err := note.NewVerifier(verifierKey)
	if err != nil {
		return Keys{}, fmt.Errorf("verifier key: %w", err)
	}
	if s.Name() != v.Name() || s.KeyHash() != v.KeyHash() {
		return Keys{}, errors.New("signing key: signer and verifier keys do not belong together")
	}
	if origin != "" && s.Name() != origin {
		return Keys{}, fmt.Errorf("signing key: key is named %q, the log's origin is %q", s.Name(), origin)
	}
	return Keys{Signer: s, Verifier: v, VerifierKey: verifierKey}, nil
}

// KeyFile keeps the signing key in a file of two lines (signer key, then
// verifier key), readable by its owner only.
type KeyFile struct {
	Path string
}

var _ KeyStore = KeyFile{}

// LoadKey reads the key file, or returns ENOTFOUND when it does not exist.
func (k KeyFile) LoadKey(ctx context.Context) (string, string, error) {
	b, err := os.ReadFile(k.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", "", attest.Errorf(attest.ENOTFOUND, "no key file %s", k.Path)
	} else if err != nil {
		return "", "", fmt.Errorf("read key: %w", err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "PRIVATE+KEY+") {
		return "", "", fmt.Errorf("read key %s: want two lines, a signer key (PRIVATE+KEY+...) and a verifier key", k.Path)
	}
	return lines[0], lines[1], nil
}

// StoreKey creates the key file (mode 0600) unless it exists, then returns
// the keys in it. The file appears whole or not at all: the keys are written
// to a temporary file that is then linked to the path.
func (k KeyFile) StoreKey(ctx context.Context, signerKey, verifierKey string) (string, string, error) {
	dir := filepath.Dir(k.Path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", fmt.Errorf("store key: %w", err)
	}
	f, err := os.CreateTemp(dir, ".attest-key-*")
	if err != nil {
		return "", "", fmt.Errorf("store key: %w", err)
	}
	defer os.Remove(f.Name())
	_, err = fmt.Fprintf(f, "%s\n%s\n", signerKey, verifierKey)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", "", fmt.Errorf("store key: %w", err)
	}
	if err := os.Link(f.Name(), k.Path); errors.Is(err, fs.ErrExist) {
		return k.LoadKey(ctx)
	} else if err != nil {
		return "", "", fmt.Errorf("store key: %w", err)
	}
	return signerKey, verifierKey, nil
}
