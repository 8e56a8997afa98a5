package auditlog

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/attest-dev/attest"
	"golang.org/x/mod/sumdb/note"
)

// Kinds of Problem.
const (
	ProblemChanged    = "changed"    // the record is not what was appended
	ProblemDeleted    = "deleted"    // a record of the log is missing
	ProblemInserted   = "inserted"   // a record that was never appended
	ProblemReordered  = "reordered"  // a record appended at another seq
	ProblemPruned     = "pruned"     // a payload deleted that no retention run allowed
	ProblemCheckpoint = "checkpoint" // a checkpoint is forged, missing or disagrees with the records
	ProblemHead       = "head"       // the stored tree state disagrees with the records
)

// Problem is one sign of tampering that Verify found.
type Problem struct {
	Kind string `json:"kind"`
	// Seq is the record concerned, or -1 for problems not about one record.
	Seq    int64  `json:"seq"`
	Detail string `json:"detail"`
}

func (p Problem) String() string {
	if p.Seq < 0 {
		return fmt.Sprintf("%s: %s", p.Kind, p.Detail)
	}
	return fmt.Sprintf("seq %d: %s: %s", p.Seq, p.Kind, p.Detail)
}

// VerifyOptions adjust Verify.
type VerifyOptions struct {
	// Checkpoints are signed checkpoint notes kept outside the database (by
	// an auditor or a witness); each must verify with the key and be
	// consistent with the log. A note that does not parse or verify is an
	// input error.
	Checkpoints [][]byte
	// MaxProblems caps the problems listed (default 1000); the rest are
	// only counted.
	MaxProblems int
}

// VerifyReport is what Verify found.
type VerifyReport struct {
	// Size is the tree size of the stored head; Root is the root recomputed
	// from the records at that size.
	Size uint64 `json:"size"`
	Root []byte `json:"root"`
	// Records counts the stored records read; Pruned those whose raw
	// record retention deleted (their fields and the hash of the raw
	// record are still checked).
	Records int64 `json:"records"`
	Pruned  int64 `json:"pruned"`
	// LegacyPruned counts records of leaf version 1 whose payload was
	// deleted before leaf version 2: nothing of them but their place in
	// the tree can be checked.
	LegacyPruned int64 `json:"legacy_pruned,omitempty"`
	// Checkpoints counts the signed checkpoints checked against the tree.
	Checkpoints int       `json:"checkpoints"`
	Problems    []Problem `json:"problems"`
	// MoreProblems counts problems found beyond MaxProblems.
	MoreProblems int `json:"more_problems,omitempty"`
}

// OK reports whether no tampering was found.
func (r *VerifyReport) OK() bool { return len(r.Problems) == 0 && r.MoreProblems == 0 }

// maxReorderCandidates bounds the pairwise search that tells a moved record
// from a changed one.
const maxReorderCandidates = 2048

type mismatch struct {
	seq     int64
	event   attest.Event
	rawHash []byte // nil: leaf version 1
	stored  []byte
}

func (m *mismatch) leafAt(seq int64) []byte {
	e := m.event
	e.Seq = seq
	if m.rawHash == nil {
		return LeafHash(LeafDataV1(&e))
	}
	return LeafHash(LeafDataRawHash(&e, m.rawHash))
}

type checkpointRef struct {
	label string
	cp    Checkpoint
	// given: kept outside the database, so trusted even if the signing key
	// leaked to whoever rewrote the database.
	given bool
}

// prunedRange is a run of consecutive pruned records of leaf version 2 with
// no retention run record among them, and the latest receive time in it.
type prunedRange struct {
	first, last int64
	maxSeq      int64
	maxReceived time.Time
}

type retentionRun struct {
	seq    int64
	cutoff time.Time
}

// Verify recomputes every record's leaf hash from its stored fields and the
// stored hash of its raw record (and that hash from the raw bytes while
// they are kept), pruned or not, and checks it against the stored leaf
// hash; then it recomputes the tree from the stored leaf hashes and checks it
// against the stored head, every stored checkpoint (signature and root) and
// the extra checkpoints of opts. A record passes only if its content hashes
// to a leaf that every signed root covers. It names each changed, deleted,
// inserted or reordered record by sequence number; a record whose leaf hash
// was rewritten along with its payload is caught by the checkpoints, which
// bound it to the records between the last checkpoint that still matches and
// the first that does not. A pruned record must be older than the cutoff of
// a retention run recorded after it, and a log with records must have a
// signed checkpoint.
//
// Verify reads one consistent snapshot of the store (ReadSnapshot), so
// appends committed while it runs are neither checked nor reported.
// An error means the verification could not run (database unreachable, an
// extra checkpoint that does not verify), not tampering.
func Verify(ctx context.Context, src LogStore, verifier note.Verifier, opts VerifyOptions) (*VerifyReport, error) {
	if verifier == nil {
		return nil, errors.New("verify: no verifier key")
	}
	if opts.MaxProblems <= 0 {
		opts.MaxProblems = 1000
	}
	var given []checkpointRef
	for i, text := range opts.Checkpoints {
		c, err := ParseCheckpoint(text, verifier)
		if err != nil {
			return nil, fmt.Errorf("verify: checkpoint %d: %w", i+1, err)
		}
		given = append(given, checkpointRef{label: fmt.Sprintf("checkpoint %d given (size %d)", i+1, c.Size), cp: c, given: true})
	}
	var rep *VerifyReport
	err := src.ReadSnapshot(ctx, func(r LogReader) error {
		var err error
		rep, err = verifySnapshot(ctx, r, verifier, opts, given)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	return rep, nil
}

func verifySnapshot(ctx context.Context, src LogReader, verifier note.Verifier, opts VerifyOptions, given []checkpointRef) (*VerifyReport, error) {
	rep := &VerifyReport{}
	add := func(p Problem) {
		if len(rep.Problems) < opts.MaxProblems {
			rep.Problems = append(rep.Problems, p)
		} else {
			rep.MoreProblems++
		}
	}

	refs := slices.Clone(given)
	stored, err := src.Checkpoints(ctx)
	if err != nil {
		return nil, err
	}
	// A stored checkpoint that does not verify leaves the records after
	// the last valid one before it unproven: name that seq.
	validBefore := uint64(0)
	for _, sc := range stored {
		c, err := ParseCheckpoint(sc.Note, verifier)
		if err != nil {
			add(Problem{Kind: ProblemCheckpoint, Seq: int64(validBefore),
				Detail: fmt.Sprintf("stored checkpoint #%d: %v; records from seq %d on lose its proof", sc.ID, err, validBefore)})
			continue
		}
		if c.Size != sc.Size {
			add(Problem{Kind: ProblemCheckpoint, Seq: int64(min(c.Size, sc.Size)),
				Detail: fmt.Sprintf("stored checkpoint #%d: signed size %d, stored as size %d", sc.ID, c.Size, sc.Size)})
		}
		validBefore = max(validBefore, c.Size)
		refs = append(refs, checkpointRef{label: fmt.Sprintf("stored checkpoint #%d (size %d)", sc.ID, c.Size), cp: c})
	}
	slices.SortStableFunc(refs, func(a, b checkpointRef) int { return cmp.Compare(a.cp.Size, b.cp.Size) })

	head, err := src.LogHead(ctx)
	if err != nil {
		return nil, err
	}
	rep.Size = head.Size

	// roots[i] is the recomputed root at refs[i].cp.Size, nil when the
	// records do not reach it.
	roots := make([][]byte, len(refs))
	next := 0
	tree := rangeFactory.NewEmptyRange(0)
	rootNow := func() []byte {
		r, _ := tree.GetRootHash(nil)
		if r == nil {
			return EmptyRoot()
		}
		return r
	}
	takeRoots := func() {
		for next < len(refs) && refs[next].cp.Size == tree.End() {
			roots[next] = rootNow()
			next++
		}
	}
	var headRoot []byte
	takeHead := func() {
		if headRoot == nil && tree.End() == head.Size {
			headRoot = rootNow()
		}
	}
	placeholder := make([]byte, HashSize)
	var mismatches []mismatch
	var deleted, inserted []int64
	firstV2 := int64(-1)
	var pruned []prunedRange
	var runs []retentionRun
	rangeOpen := false
	takeRoots()
	takeHead()
	check := func(r Record) {
		rep.Records++
		if r.Seq < 0 || uint64(r.Seq) >= head.Size {
			inserted = append(inserted, r.Seq)
			add(Problem{Kind: ProblemInserted, Seq: r.Seq, Detail: fmt.Sprintf("record is beyond the log head of size %d", head.Size)})
			return
		}
		for s := tree.End(); s < uint64(r.Seq); s++ {
			deleted = append(deleted, int64(s))
			add(Problem{Kind: ProblemDeleted, Seq: int64(s), Detail: "record is missing"})
			_ = tree.Append(placeholder, nil)
			takeRoots()
			takeHead()
		}
		e := *r.Event
		e.Seq = r.Seq
		if r.RawHash == nil {
			checkV1(r, &e, firstV2, rep, add, &mismatches)
		} else {
			if firstV2 < 0 {
				firstV2 = r.Seq
			}
			ok := true
			if (!r.Pruned || e.Raw != nil) && !bytes.Equal(RawHash(e.Raw), r.RawHash) {
				ok = false
				add(Problem{Kind: ProblemChanged, Seq: r.Seq, Detail: "raw record differs from the hash stored when it was appended"})
			}
			if leaf := LeafHash(LeafDataRawHash(&e, r.RawHash)); !bytes.Equal(leaf, r.LeafHash) {
				ok = false
				if len(mismatches) < maxReorderCandidates {
					e.Raw = nil
					mismatches = append(mismatches, mismatch{seq: r.Seq, event: e, rawHash: bytes.Clone(r.RawHash), stored: bytes.Clone(r.LeafHash)})
				} else {
					add(Problem{Kind: ProblemChanged, Seq: r.Seq, Detail: "record differs from its leaf hash"})
				}
			}
			if cutoff, isRun := retentionCutoff(&e); isRun && ok {
				runs = append(runs, retentionRun{seq: r.Seq, cutoff: cutoff})
				rangeOpen = false
			}
			if r.Pruned {
				rep.Pruned++
				if n := len(pruned); rangeOpen && pruned[n-1].last == r.Seq-1 {
					p := &pruned[n-1]
					p.last = r.Seq
					if e.Received.After(p.maxReceived) {
						p.maxReceived, p.maxSeq = e.Received, r.Seq
					}
				} else {
					pruned = append(pruned, prunedRange{first: r.Seq, last: r.Seq, maxSeq: r.Seq, maxReceived: e.Received})
					rangeOpen = true
				}
			} else {
				rangeOpen = false
			}
		}
		// The tree is built from the stored leaf hashes, each checked
		// above against its record: a changed payload is reported once, by
		// seq, and a rewritten leaf hash shows in the checkpoints.
		_ = tree.Append(bytes.Clone(r.LeafHash), nil)
		takeRoots()
		takeHead()
	}
	// Reading and decoding the records is about half the work; checking
	// them and growing the tree the other half. The two run in a pipeline,
	// in batches, so verification uses two cores; records stay in order.
	const batchSize = 512
	batches := make(chan []Record, 8)
	checked := make(chan struct{})
	go func() {
		defer close(checked)
		for b := range batches {
			for _, r := range b {
				check(r)
			}
		}
	}()
	buf := make([]Record, 0, batchSize)
	err = src.ScanRecords(ctx, -1, func(r Record) error {
		buf = append(buf, r)
		if len(buf) == batchSize {
			batches <- buf
			buf = make([]Record, 0, batchSize)
		}
		return nil
	})
	if len(buf) > 0 {
		batches <- buf
	}
	close(batches)
	<-checked
	if err != nil {
		return nil, err
	}
	for s := tree.End(); s < head.Size; s++ {
		deleted = append(deleted, int64(s))
		add(Problem{Kind: ProblemDeleted, Seq: int64(s), Detail: "record is missing (log tail)"})
		_ = tree.Append(placeholder, nil)
		takeRoots()
		takeHead()
	}
	classify(mismatches, deleted, inserted, add)
	checkPruned(pruned, runs, add)

	rep.Root = headRoot
	if !bytes.Equal(headRoot, head.Root) {
		add(Problem{Kind: ProblemHead, Seq: -1, Detail: fmt.Sprintf("stored root of size %d does not match the records", head.Size)})
	}
	if len(stored) == 0 && (head.Size > 0 || rep.Records > 0) {
		add(Problem{Kind: ProblemCheckpoint, Seq: -1, Detail: fmt.Sprintf(
			"the log holds %d records and no signed checkpoint: checkpoints were deleted, or the log was never signed", max(head.Size, uint64(rep.Records)))})
	}

	// Checkpoints: each must match the recomputed root at its size. The
	// range between the last matching and the first failing one holds a
	// record that was rewritten along with its leaf hash. A given
	// checkpoint is bounded by given ones only: stored checkpoints that
	// match may have been re-signed by someone holding the key.
	lastGood, lastGoodGiven := uint64(0), uint64(0)
	for i, ref := range refs {
		rep.Checkpoints++
		c := ref.cp
		switch {
		case roots[i] == nil:
			add(Problem{Kind: ProblemCheckpoint, Seq: int64(head.Size), Detail: fmt.Sprintf(
				"%s is beyond the log of size %d: records %d to %d were removed", ref.label, head.Size, head.Size, c.Size-1)})
			for s := head.Size; s < c.Size && s < head.Size+uint64(opts.MaxProblems); s++ {
				add(Problem{Kind: ProblemDeleted, Seq: int64(s), Detail: "record signed by a checkpoint is missing (log tail)"})
			}
		case !bytes.Equal(roots[i], c.Root):
			from := lastGood
			if ref.given {
				from = lastGoodGiven
			}
			add(Problem{Kind: ProblemCheckpoint, Seq: int64(from), Detail: fmt.Sprintf(
				"%s does not match the records: a record in seq %d to %d differs from what was signed", ref.label, from, c.Size-1)})
		default:
			lastGood = c.Size
			if ref.given {
				lastGoodGiven = c.Size
			}
		}
	}
	slices.SortStableFunc(rep.Problems, func(a, b Problem) int { return cmp.Compare(a.Seq, b.Seq) })
	return rep, nil
}

// checkV1 checks a record of leaf version 1, written before version 2: all
// of them precede the first version 2 record. Unpruned, its leaf is
// recomputed from the raw bytes; pruned (by the retention of that time,
// which cleared every field but time, received and source), nothing but its
// place can be checked, and any field it still carries was put there since.
func checkV1(r Record, e *attest.Event, firstV2 int64, rep *VerifyReport, add func(Problem), mismatches *[]mismatch) {
	if firstV2 >= 0 {
		add(Problem{Kind: ProblemChanged, Seq: r.Seq, Detail: fmt.Sprintf(
			"record claims leaf version 1 (no raw hash) but follows the version 2 record %d", firstV2)})
		return
	}
	if r.Pruned {
		rep.LegacyPruned++
		if e.ExternalID != "" || e.Actor != "" || e.Action != "" || e.Target != "" || e.Outcome != "" || e.MFA != nil ||
			e.SourceIP != "" || e.UserAgent != "" || e.Severity != "" || len(e.Raw) > 0 {
			add(Problem{Kind: ProblemChanged, Seq: r.Seq, Detail: "record pruned before leaf version 2 carries fields that its pruning cleared"})
		}
		return
	}
	if leaf := LeafHash(LeafDataV1(e)); !bytes.Equal(leaf, r.LeafHash) {
		if len(*mismatches) < maxReorderCandidates {
			m := mismatch{seq: r.Seq, event: *e, stored: bytes.Clone(r.LeafHash)}
			m.event.Raw = bytes.Clone(e.Raw)
			*mismatches = append(*mismatches, m)
		} else {
			add(Problem{Kind: ProblemChanged, Seq: r.Seq, Detail: "record differs from its leaf hash"})
		}
	}
}

// checkPruned reports pruned records that no retention run allowed: a run
// recorded at seq r with cutoff c prunes only records below r received
// before c. No run lies inside a range, so every record of a range is
// allowed by the same runs: those after its last record.
func checkPruned(ranges []prunedRange, runs []retentionRun, add func(Problem)) {
	// best[i] is the latest cutoff among runs[i:].
	best := make([]time.Time, len(runs)+1)
	for i := len(runs) - 1; i >= 0; i-- {
		best[i] = best[i+1]
		if runs[i].cutoff.After(best[i]) {
			best[i] = runs[i].cutoff
		}
	}
	for _, p := range ranges {
		i, _ := slices.BinarySearchFunc(runs, p.last+1, func(r retentionRun, seq int64) int { return cmp.Compare(r.seq, seq) })
		if cutoff := best[i]; !p.maxReceived.Before(cutoff) {
			detail := fmt.Sprintf("payload deleted but no later retention run's cutoff covers its receive time %s",
				p.maxReceived.Format(time.RFC3339Nano))
			if p.first != p.last {
				detail += fmt.Sprintf(" (the latest received of the pruned records %d to %d)", p.first, p.last)
			}
			add(Problem{Kind: ProblemPruned, Seq: p.maxSeq, Detail: detail})
		}
	}
}

// classify reports each record whose recomputed leaf hash differs from the
// stored one: reordered when its content hashes to its stored leaf hash under
// another sequence number, changed otherwise.
func classify(ms []mismatch, deleted, inserted []int64, add func(Problem)) {
	var candidates []int64
	if len(ms)+len(deleted)+len(inserted) <= maxReorderCandidates {
		for _, m := range ms {
			candidates = append(candidates, m.seq)
		}
		candidates = append(candidates, deleted...)
		candidates = append(candidates, inserted...)
	}
	for _, m := range ms {
		from := int64(-1)
		for _, q := range candidates {
			if q == m.seq {
				continue
			}
			if bytes.Equal(m.leafAt(q), m.stored) {
				from = q
				break
			}
		}
		if from >= 0 {
			add(Problem{Kind: ProblemReordered, Seq: m.seq, Detail: fmt.Sprintf("record was appended as seq %d", from)})
		} else {
			add(Problem{Kind: ProblemChanged, Seq: m.seq, Detail: "record differs from what was appended (leaf hash mismatch)"})
		}
	}
}
