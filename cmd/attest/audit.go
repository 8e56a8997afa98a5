package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/user"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/evidence"
	"github.com/attest-dev/attest/postgres"
	"github.com/attest-dev/attest/sqlite"
	"github.com/spf13/cobra"
	"golang.org/x/mod/sumdb/note"
)

func init() { commands = append(commands, newAuditCmd) }

func newAuditCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Check the tamper-evident audit log",
	}
	cmd.AddCommand(newAuditVerifyCmd())
	return cmd
}

// auditVerifyParams are the flags of attest audit verify.
type auditVerifyParams struct {
	DB          string
	Server      string
	Token       string
	Key         string
	KeyFile     string
	Checkpoints []string
	Save        string
	JSON        bool
	// By names who verified in the audit record of a --db verification;
	// NoRecord leaves the database unwritten.
	By       string
	NoRecord bool
}

func newAuditVerifyCmd() *cobra.Command {
	var p auditVerifyParams
	cmd := &cobra.Command{
		Use:   "verify (--db FILE_OR_DSN | --server URL --token T) [--key KEY | --key-file F] [--checkpoint FILE]...",
		Short: "Prove that no audit log record was changed, deleted, inserted or reordered",
		Long: `attest audit verify checks the audit log of attest serve.

With --db it reads the database (a SQLite file, or a postgres:// URL): it
recomputes every record's leaf hash and the Merkle tree from them, checks every
stored signed checkpoint against the tree, and names each changed, deleted,
inserted or reordered record by sequence number. It also checks every uploaded
evidence report against the SHA-256 its audit record committed to, and that no
evidence an upload record names is missing.

With --server it asks a running server for its latest signed checkpoint and
proves, with a consistency proof, that the log still extends every checkpoint
given with --checkpoint.

--checkpoint names a file holding a signed checkpoint saved earlier (for
instance with --save); the log must be consistent with it. Give the log's
public key with --key or --key-file: a key read from the database itself
proves nothing against whoever can write the database.

A verification with --db is recorded in the log itself, by --by (default the
user and host running it), pass or fail; the dashboard's audit-log page shows
the newest such record, from the dashboard or from here, as the last
verification. --no-record leaves the database unwritten (a copy kept aside,
a read-only check).

Exit status: 0 the log verifies, 1 tampering found, 2 usage or input error.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAuditVerify(cmd.Context(), p, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.DB, "db", "", "SQLite database file or PostgreSQL URL to verify")
	f.StringVar(&p.Server, "server", "", "base URL of a running attest serve to verify")
	f.StringVar(&p.Token, "token", "", "API token with read scope, for --server (or ATTEST_TOKEN)")
	f.StringVar(&p.Key, "key", "", "the log's verifier key (origin+hash+base64)")
	f.StringVar(&p.KeyFile, "key-file", "", "file holding the log's verifier key")
	f.StringArrayVar(&p.Checkpoints, "checkpoint", nil, "file with a signed checkpoint saved earlier (repeatable)")
	f.StringVar(&p.Save, "save", "", "write the latest verified checkpoint to this file")
	f.BoolVar(&p.JSON, "json", false, "print the report as JSON")
	f.StringVar(&p.By, "by", "", "who verifies, for the audit record of a --db verification (default user@host)")
	f.BoolVar(&p.NoRecord, "no-record", false, "with --db, do not record the verification in the log")
	return cmd
}

func inputErr(format string, args ...any) error {
	return &exitError{code: exitInput, err: fmt.Errorf(format, args...)}
}

// runAuditVerify verifies the log and prints the report; tampering returns
// an exit error with code 1.
func runAuditVerify(ctx context.Context, p auditVerifyParams, stdout, stderr io.Writer) error {
	if (p.DB == "") == (p.Server == "") {
		return inputErr("audit verify: give exactly one of --db and --server")
	}
	if p.Key != "" && p.KeyFile != "" {
		return inputErr("audit verify: give --key or --key-file, not both")
	}
	var saved [][]byte
	for _, path := range p.Checkpoints {
		b, err := os.ReadFile(path)
		if err != nil {
			return inputErr("read checkpoint: %w", err)
		}
		saved = append(saved, b)
	}
	vkey, err := verifierKeyFromFlags(p)
	if err != nil {
		return &exitError{code: exitInput, err: err}
	}
	if p.Server != "" {
		return verifyServer(ctx, p, vkey, saved, stdout)
	}
	return verifyDB(ctx, p, vkey, saved, stdout, stderr)
}

// verifierKeyFromFlags returns the key of --key or --key-file, or "" when
// neither is given. A key file may be attest's own key file (signer key,
// then verifier key): the verifier line is used.
func verifierKeyFromFlags(p auditVerifyParams) (string, error) {
	if p.Key != "" {
		return strings.TrimSpace(p.Key), nil
	}
	if p.KeyFile == "" {
		return "", nil
	}
	b, err := os.ReadFile(p.KeyFile)
	if err != nil {
		return "", fmt.Errorf("read key: %w", err)
	}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "PRIVATE+KEY+") {
			continue
		}
		if _, err := note.NewVerifier(line); err != nil {
			return "", fmt.Errorf("%s:%d: %w", p.KeyFile, i+1, err)
		}
		return line, nil
	}
	return "", fmt.Errorf("%s: no verifier key in the file", p.KeyFile)
}

// auditStore is what audit verify needs of a backend.
type auditStore interface {
	auditlog.LogStore
	attest.EventStore
	attest.EvidenceStore
	KeyStore() auditlog.KeyStore
	Close() error
}

func openAuditStore(ctx context.Context, dsn string) (auditStore, error) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db := postgres.NewDB(dsn)
		db.Logger = quiet
		if err := db.Open(ctx); err != nil {
			return nil, fmt.Errorf("open %s: %w", redactDSN(dsn), err)
		}
		return db, nil
	}
	// Verifying must not create an empty database where none was.
	if err := checkDBExists(dsn); err != nil {
		return nil, err
	}
	db := sqlite.NewDB(dsn)
	db.Logger = quiet
	if err := db.Open(ctx); err != nil {
		return nil, fmt.Errorf("open %s: %w", dsn, err)
	}
	return db, nil
}

func verifyDB(ctx context.Context, p auditVerifyParams, vkey string, saved [][]byte, stdout, stderr io.Writer) error {
	st, err := openAuditStore(ctx, p.DB)
	if err != nil {
		return &exitError{code: exitInput, err: err}
	}
	defer st.Close()
	if vkey == "" {
		_, v, err := st.KeyStore().LoadKey(ctx)
		if err != nil {
			return inputErr("no --key given and no key stored with the log: %w", err)
		}
		vkey = v
		fmt.Fprintln(stderr, "attest: warning: verifying with the key stored with the log; pass --key for an independent check")
	}
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		return inputErr("verifier key: %w", err)
	}
	rep, err := auditlog.Verify(ctx, st, verifier, auditlog.VerifyOptions{Checkpoints: saved})
	if err != nil {
		if rerr := recordVerification(ctx, st, p, nil, nil, err); rerr != nil {
			fmt.Fprintf(stderr, "attest: %v\n", rerr)
		}
		return &exitError{code: exitInput, err: err}
	}
	// The log's records commit to the evidence's hashes; the bodies are
	// checked against them.
	erep, err := evidence.Verify(ctx, st, st)
	if err != nil {
		return &exitError{code: exitInput, err: err}
	}
	if err := recordVerification(ctx, st, p, rep, erep, nil); err != nil {
		return &exitError{code: exitInput, err: err}
	}
	if err := printReport(stdout, p.JSON, rep, erep); err != nil {
		return err
	}
	if !rep.OK() || !erep.OK() {
		return &exitError{code: exitFindings}
	}
	if p.Save != "" {
		latest, err := st.LatestCheckpoint(ctx)
		if err != nil {
			return inputErr("save checkpoint: %w", err)
		}
		if err := os.WriteFile(p.Save, latest.Note, 0o644); err != nil {
			return inputErr("save checkpoint: %w", err)
		}
	}
	return nil
}

// recordVerification appends the audit record of a --db verification (rep
// and erep, or the error that stopped it) by p.By, unless p.NoRecord. The
// record comes after the records verified, so it does not change the
// report; the next verification checks it with the rest.
func recordVerification(ctx context.Context, st attest.EventStore, p auditVerifyParams, rep *auditlog.VerifyReport, erep *evidence.VerifyReport, verr error) error {
	if p.NoRecord {
		return nil
	}
	by := p.By
	if by == "" {
		by = localUser()
	}
	v, outcome := auditlog.NewVerification(rep, verr, "cli")
	if erep != nil {
		v.EvidenceChecked, v.EvidenceOK, v.EvidenceProblems = true, erep.OK(), len(erep.Problems)
		if !erep.OK() && outcome == attest.OutcomeSuccess {
			outcome = attest.OutcomeFailure
		}
	}
	if err := st.AppendEvents(ctx, []*attest.Event{v.Record(by, outcome, time.Now().UTC())}); err != nil {
		return fmt.Errorf("record the verification: %w", err)
	}
	return nil
}

// localUser names who runs the command: the login name and host.
func localUser() string {
	name := "unknown"
	if u, err := user.Current(); err == nil && u.Username != "" {
		name = u.Username
	}
	if host, err := os.Hostname(); err == nil && host != "" {
		name += "@" + host
	}
	return name
}

func printReport(w io.Writer, asJSON bool, rep *auditlog.VerifyReport, erep *evidence.VerifyReport) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			*auditlog.VerifyReport
			Evidence *evidence.VerifyReport `json:"evidence"`
		}{rep, erep})
	}
	if rep.OK() {
		legacy := ""
		if rep.LegacyPruned > 0 {
			legacy = fmt.Sprintf(", %d pruned before leaf version 2 (only their place checked)", rep.LegacyPruned)
		}
		fmt.Fprintf(w, "ok: %d records (%d pruned by retention%s), tree size %d, root %s, %d signed checkpoints consistent\n",
			rep.Records, rep.Pruned, legacy, rep.Size, base64.StdEncoding.EncodeToString(rep.Root), rep.Checkpoints)
	} else {
		fmt.Fprintf(w, "TAMPERED: %d problems in a log of tree size %d (%d records read)\n",
			len(rep.Problems)+rep.MoreProblems, rep.Size, rep.Records)
		for _, pr := range rep.Problems {
			fmt.Fprintln(w, "  "+pr.String())
		}
		if rep.MoreProblems > 0 {
			fmt.Fprintf(w, "  ... and %d more\n", rep.MoreProblems)
		}
	}
	if erep.OK() {
		fmt.Fprintf(w, "evidence ok: %d uploaded reports match the hashes their audit records committed to\n", erep.Evidence)
		return nil
	}
	fmt.Fprintf(w, "EVIDENCE TAMPERED: %d problems among %d uploaded reports\n", len(erep.Problems), erep.Evidence)
	for _, pr := range erep.Problems {
		fmt.Fprintln(w, "  "+pr.String())
	}
	return nil
}

// verifyServer checks a running server: its latest checkpoint verifies with
// the key and extends every saved checkpoint by a consistency proof.
func verifyServer(ctx context.Context, p auditVerifyParams, vkey string, saved [][]byte, stdout io.Writer) error {
	if vkey == "" {
		return inputErr("audit verify --server: give the log's key with --key or --key-file")
	}
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		return inputErr("verifier key: %w", err)
	}
	token := p.Token
	if token == "" {
		token = os.Getenv("ATTEST_TOKEN")
	}
	base, err := url.Parse(strings.TrimRight(p.Server, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") {
		return inputErr("server URL %q: want http:// or https://", p.Server)
	}
	c := &auditClient{base: base.String(), token: token, http: &http.Client{Timeout: 30 * time.Second}}
	var savedCps []auditlog.Checkpoint
	for i, b := range saved {
		cp, err := auditlog.ParseCheckpoint(b, verifier)
		if err != nil {
			return inputErr("%s: %w", p.Checkpoints[i], err)
		}
		savedCps = append(savedCps, cp)
	}
	text, err := c.get(ctx, "/api/v1/log/checkpoint")
	if err != nil {
		return inputErr("%w", err)
	}
	latest, err := auditlog.ParseCheckpoint(text, verifier)
	if err != nil {
		fmt.Fprintf(stdout, "TAMPERED: the server's latest checkpoint does not verify: %v\n", err)
		return &exitError{code: exitFindings}
	}
	var problems []string
	for i, cp := range savedCps {
		if cp.Size > latest.Size {
			problems = append(problems, fmt.Sprintf("%s: the log shrank from size %d to %d", p.Checkpoints[i], cp.Size, latest.Size))
			continue
		}
		body, err := c.get(ctx, fmt.Sprintf("/api/v1/log/consistency?from=%d&to=%d", cp.Size, latest.Size))
		if err != nil {
			return inputErr("%w", err)
		}
		proof, err := decodeProof(body, cp.Size, latest.Size)
		if err != nil {
			return inputErr("consistency proof from %s: %w", p.Server, err)
		}
		if err := auditlog.VerifyConsistency(cp.Size, latest.Size, proof, cp.Root, latest.Root); err != nil {
			problems = append(problems, fmt.Sprintf("%s: the log of size %d does not extend the saved checkpoint of size %d: %v",
				p.Checkpoints[i], latest.Size, cp.Size, err))
		}
	}
	if len(problems) > 0 {
		fmt.Fprintf(stdout, "TAMPERED: %d problems\n", len(problems))
		for _, pr := range problems {
			fmt.Fprintln(stdout, "  "+pr)
		}
		return &exitError{code: exitFindings}
	}
	fmt.Fprintf(stdout, "ok: latest checkpoint of size %d, root %s, consistent with %d saved checkpoints\n",
		latest.Size, base64.StdEncoding.EncodeToString(latest.Root), len(savedCps))
	if p.Save != "" {
		if err := os.WriteFile(p.Save, text, 0o644); err != nil {
			return inputErr("save checkpoint: %w", err)
		}
	}
	return nil
}

// maxProofHashes bounds a consistency proof: at most two hashes per level of
// a tree of 2^63 leaves.
const maxProofHashes = 2 * 64

// decodeProof reads the server's answer to /api/v1/log/consistency
// ({"from", "to", "proof": [base64 hashes]}): it must be the proof asked for,
// between sizes from and to, of at most maxProofHashes hashes of HashSize
// bytes each. Whether the proof holds is VerifyConsistency's to say.
func decodeProof(body []byte, from, to uint64) ([][]byte, error) {
	var resp struct {
		From  *uint64  `json:"from"`
		To    *uint64  `json:"to"`
		Proof [][]byte `json:"proof"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, fmt.Errorf("not a consistency proof: %w", err)
	}
	switch {
	case resp.From == nil || resp.To == nil || resp.Proof == nil:
		return nil, errors.New(`not a consistency proof: want "from", "to" and "proof"`)
	case *resp.From != from || *resp.To != to:
		return nil, fmt.Errorf("proof is between sizes %d and %d, asked for %d and %d", *resp.From, *resp.To, from, to)
	case len(resp.Proof) > maxProofHashes:
		return nil, fmt.Errorf("proof has %d hashes, at most %d make sense", len(resp.Proof), maxProofHashes)
	}
	for i, h := range resp.Proof {
		if len(h) != auditlog.HashSize {
			return nil, fmt.Errorf("proof hash %d is %d bytes, want %d", i, len(h), auditlog.HashSize)
		}
	}
	return resp.Proof, nil
}

type auditClient struct {
	base, token string
	http        *http.Client
}

func (c *auditClient) get(ctx context.Context, path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get %s: %s: %s", path, resp.Status, bytes.TrimSpace(body))
	}
	return body, nil
}
