package auditlog_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"golang.org/x/mod/sumdb/note"
)

func hx(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// The RFC 6962 test vectors of Certificate Transparency: eight leaves and the
// hashes of the trees built on them.
var (
	leafInputs = []string{"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"}
	leafHashes = []string{
		"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
		"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
		"0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
		"07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
		"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
		"4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
		"b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
		"46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
	}
	roots = []string{
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
		"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
		"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
		"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
		"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
		"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
		"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
		"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
	}
	// Interior nodes: level 1 index 1 and 3, level 2 index 1.
	node11 = "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"
	node13 = "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"
	node21 = "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"
	node20 = "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"
)

func vectorLeaves() [][]byte {
	out := make([][]byte, len(leafInputs))
	for i, in := range leafInputs {
		out[i] = auditlog.LeafHash(hx(in))
	}
	return out
}

func TestLeafHash_Vectors(t *testing.T) {
	for i, in := range leafInputs {
		if got := hex.EncodeToString(auditlog.LeafHash(hx(in))); got != leafHashes[i] {
			t.Errorf("LeafHash(%q) = %s, want %s", in, got, leafHashes[i])
		}
	}
}

func TestHead_AppendVectors(t *testing.T) {
	leaves := vectorLeaves()
	if got := hex.EncodeToString(auditlog.EmptyRoot()); got != roots[0] {
		t.Errorf("EmptyRoot = %s, want %s", got, roots[0])
	}
	for n := 0; n <= len(leaves); n++ {
		// One leaf at a time and all at once give the same head.
		var h1, h2 auditlog.Head
		for _, l := range leaves[:n] {
			if _, err := h1.Append([][]byte{l}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := h2.Append(leaves[:n]); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			h1.Root, h2.Root = auditlog.EmptyRoot(), auditlog.EmptyRoot()
		}
		for _, h := range []auditlog.Head{h1, h2} {
			if got := hex.EncodeToString(h.Root); got != roots[n] {
				t.Errorf("root of %d leaves = %s, want %s", n, got, roots[n])
			}
			back, err := auditlog.UnmarshalHead(h.Size, h.Root, h.MarshalRange())
			if err != nil || !bytes.Equal(back.Root, h.Root) {
				t.Errorf("UnmarshalHead(size %d) = %v, %v", n, back, err)
			}
		}
		if got := hex.EncodeToString(auditlog.RootOf(leaves[:n])); got != roots[n] {
			t.Errorf("RootOf(%d leaves) = %s, want %s", n, got, roots[n])
		}
	}
	if _, err := auditlog.UnmarshalHead(3, hx(roots[4]), bytes.Repeat([]byte{1}, 64)); err == nil {
		t.Error("UnmarshalHead accepted a range that does not match its root")
	}
}

// memStore is an in-memory LogStore of leaf hashes only, enough for proofs.
type memStore struct {
	auditlog.LogStore // nil: other methods are not called
	head              auditlog.Head
	leaves            [][]byte
	nodes             map[[2]uint64][]byte
}

func newMemStore(leaves [][]byte) *memStore {
	m := &memStore{nodes: map[[2]uint64][]byte{}}
	for _, l := range leaves {
		nodes, err := m.head.Append([][]byte{l})
		if err != nil {
			panic(err)
		}
		for _, n := range nodes {
			m.nodes[[2]uint64{uint64(n.Level), n.Index}] = n.Hash
		}
	}
	m.leaves = leaves
	return m
}

func (m *memStore) LogHead(ctx context.Context) (auditlog.Head, error) { return m.head, nil }
func (m *memStore) LeafHashes(ctx context.Context, from, to uint64) ([][]byte, error) {
	if to > uint64(len(m.leaves)) {
		return nil, fmt.Errorf("leaf %d is missing", len(m.leaves))
	}
	return m.leaves[from:to], nil
}
func (m *memStore) TreeNodes(ctx context.Context, level uint, from, to uint64) ([][]byte, error) {
	var out [][]byte
	for i := from; i < to; i++ {
		h, ok := m.nodes[[2]uint64{uint64(level), i}]
		if !ok {
			return nil, fmt.Errorf("level %d node %d is missing", level, i)
		}
		out = append(out, h)
	}
	return out, nil
}

func hexes(p [][]byte) []string {
	out := make([]string, len(p))
	for i, h := range p {
		out[i] = hex.EncodeToString(h)
	}
	return out
}

func TestLog_ProofVectors(t *testing.T) {
	ctx := context.Background()
	l := &auditlog.Log{Store: newMemStore(vectorLeaves())}
	incl := []struct {
		seq, size uint64
		want      []string
	}{
		{0, 1, []string{}},
		{0, 8, []string{leafHashes[1], node11, node21}},
		{5, 8, []string{leafHashes[4], node13, node20}},
		// Leaf 2 of 3: its only sibling is the subtree of leaves 0 and 1.
		{2, 3, []string{roots[2]}},
	}
	for _, tt := range incl {
		p, err := l.InclusionProof(ctx, tt.seq, tt.size)
		if err != nil {
			t.Fatalf("InclusionProof(%d, %d): %v", tt.seq, tt.size, err)
		}
		if got := hexes(p); strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("InclusionProof(%d, %d) = %v, want %v", tt.seq, tt.size, got, tt.want)
		}
		if err := auditlog.VerifyInclusion(tt.seq, tt.size, hx(leafHashes[tt.seq]), p, hx(roots[tt.size])); err != nil {
			t.Errorf("VerifyInclusion(%d, %d): %v", tt.seq, tt.size, err)
		}
	}
	cons := []struct {
		from, to uint64
		want     []string
	}{
		{1, 1, []string{}},
		{1, 8, []string{leafHashes[1], node11, node21}},
		{4, 8, []string{node21}},
		{2, 5, []string{node11, leafHashes[4]}},
	}
	for _, tt := range cons {
		p, err := l.ConsistencyProof(ctx, tt.from, tt.to)
		if err != nil {
			t.Fatalf("ConsistencyProof(%d, %d): %v", tt.from, tt.to, err)
		}
		if got := hexes(p); strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("ConsistencyProof(%d, %d) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
		if err := auditlog.VerifyConsistency(tt.from, tt.to, p, hx(roots[tt.from]), hx(roots[tt.to])); err != nil {
			t.Errorf("VerifyConsistency(%d, %d): %v", tt.from, tt.to, err)
		}
	}
	// Every pair of sizes proves and verifies; a forged root fails.
	for a := uint64(0); a <= 8; a++ {
		for b := a; b <= 8; b++ {
			p, err := l.ConsistencyProof(ctx, a, b)
			if err != nil {
				t.Fatal(err)
			}
			if err := auditlog.VerifyConsistency(a, b, p, hx(roots[a]), hx(roots[b])); err != nil {
				t.Errorf("consistency %d -> %d: %v", a, b, err)
			}
			if a > 0 && a < b {
				if err := auditlog.VerifyConsistency(a, b, p, hx(roots[b-1]), hx(roots[b])); err == nil && roots[b-1] != roots[a] {
					t.Errorf("consistency %d -> %d accepted the root of size %d", a, b, b-1)
				}
			}
		}
	}
	if err := auditlog.VerifyConsistency(0, 3, nil, hx(roots[2]), hx(roots[3])); err == nil {
		t.Error("VerifyConsistency from size 0 accepted a non-empty old root")
	}
	if _, err := l.ConsistencyProof(ctx, 3, 9); attest.ErrorCode(err) != attest.EINVALID {
		t.Errorf("ConsistencyProof past the head = %v, want EINVALID", err)
	}
}

// TestNodeHash_StoredLevels checks proofs in a tree large enough to use the
// stored levels 4 and 8 against proofs from leaves alone.
func TestNodeHash_StoredLevels(t *testing.T) {
	ctx := context.Background()
	var leaves [][]byte
	for i := range 1000 {
		leaves = append(leaves, auditlog.LeafHash([]byte(fmt.Sprint(i))))
	}
	m := newMemStore(leaves)
	l := &auditlog.Log{Store: m}
	for _, size := range []uint64{1, 16, 17, 256, 257, 999, 1000} {
		root := auditlog.RootOf(leaves[:size])
		for _, seq := range []uint64{0, size / 3, size - 1} {
			p, err := l.InclusionProof(ctx, seq, size)
			if err != nil {
				t.Fatal(err)
			}
			if err := auditlog.VerifyInclusion(seq, size, leaves[seq], p, root); err != nil {
				t.Errorf("inclusion %d in %d: %v", seq, size, err)
			}
		}
		p, err := l.ConsistencyProof(ctx, size/2+1, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if err := auditlog.VerifyConsistency(size/2+1, 1000, p, auditlog.RootOf(leaves[:size/2+1]), m.head.Root); err != nil {
			t.Errorf("consistency %d -> 1000: %v", size/2+1, err)
		}
	}
	for _, level := range []uint{4, 8} {
		if _, ok := m.nodes[[2]uint64{uint64(level), 0}]; !ok {
			t.Errorf("no stored node at level %d", level)
		}
	}
	if _, ok := m.nodes[[2]uint64{2, 0}]; ok {
		t.Error("level 2 node stored; only multiples of 4 should be")
	}
}

func testKeys(t testing.TB) auditlog.Keys {
	t.Helper()
	s, v, err := auditlog.GenerateKey("attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	k, err := auditlog.ParseKeys(s, v, "attest.test/log")
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestParseCheckpoint(t *testing.T) {
	k := testKeys(t)
	other := testKeys(t)
	c := auditlog.Checkpoint{Origin: "attest.test/log", Size: 8, Root: hx(roots[8]),
		Time: time.Date(2025, 5, 1, 12, 0, 0, 5, time.UTC)}
	text := string(c.Marshal())
	if want := "attest.test/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\ntime 2025-05-01T12:00:00.000000005Z\n"; text != want {
		t.Errorf("Marshal = %q, want %q", text, want)
	}
	sign := func(text string, k auditlog.Keys) []byte {
		b, err := note.Sign(&note.Note{Text: text}, k.Signer)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	got, err := auditlog.ParseCheckpoint(sign(text, k), k.Verifier)
	if err != nil {
		t.Fatalf("ParseCheckpoint: %v", err)
	}
	if got.Size != 8 || !bytes.Equal(got.Root, c.Root) || !got.Time.Equal(c.Time) || got.Origin != c.Origin {
		t.Errorf("ParseCheckpoint = %+v, want %+v", got, c)
	}
	bad := []struct {
		name, text string
		key        auditlog.Keys
		want       string
	}{
		{"other key", text, other, "no valid signature"},
		{"size not decimal", "attest.test/log\n0x8\n" + strings.SplitN(text, "\n", 4)[2] + "\n", k, "line 2"},
		{"size with sign", "attest.test/log\n+8\n" + strings.SplitN(text, "\n", 4)[2] + "\n", k, "line 2"},
		{"short root", "attest.test/log\n8\nAAAA\n", k, "line 3"},
		{"root not base64", "attest.test/log\n8\n!!!!\n", k, "line 3"},
		{"two lines", "attest.test/log\n8\n", k, "want at least 3"},
		{"other origin", "evil.test/log\n8\n" + strings.SplitN(text, "\n", 4)[2] + "\n", k, "origin"},
		{"bad time", "attest.test/log\n8\n" + strings.SplitN(text, "\n", 4)[2] + "\ntime yesterday\n", k, "line 4"},
	}
	for _, tt := range bad {
		_, err := auditlog.ParseCheckpoint(sign(tt.text, k), tt.key.Verifier)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ParseCheckpoint error = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	if _, err := auditlog.ParseCheckpoint([]byte("not a note"), k.Verifier); err == nil {
		t.Error("ParseCheckpoint accepted text that is not a signed note")
	}
}

func TestLeafData(t *testing.T) {
	yes := true
	e := &attest.Event{Seq: 3, Time: time.Unix(0, 1), Received: time.Unix(0, 2), Source: "falco", Actor: "a", MFA: &yes, Raw: []byte("x")}
	base := auditlog.LeafData(e)
	changes := map[string]func(e *attest.Event){
		"seq":      func(e *attest.Event) { e.Seq = 4 },
		"time":     func(e *attest.Event) { e.Time = e.Time.Add(1) },
		"no time":  func(e *attest.Event) { e.Time = time.Time{} },
		"received": func(e *attest.Event) { e.Received = e.Received.Add(1) },
		"mfa nil":  func(e *attest.Event) { e.MFA = nil },
		"mfa no":   func(e *attest.Event) { no := false; e.MFA = &no },
		// Moving a byte between adjacent fields must change the encoding.
		"field boundary": func(e *attest.Event) { e.Source, e.ExternalID = "falc", "o" },
		"raw":            func(e *attest.Event) { e.Raw = []byte("y") },
	}
	for name, change := range changes {
		c := *e
		change(&c)
		if bytes.Equal(auditlog.LeafData(&c), base) {
			t.Errorf("%s: LeafData did not change", name)
		}
	}
	if base[0] != auditlog.LeafV2 {
		t.Errorf("LeafData version byte = %d, want %d", base[0], auditlog.LeafV2)
	}
	// Version 2 commits to the hash of the raw record, so a pruned
	// record's leaf is recomputed from the stored hash alone.
	pruned := *e
	pruned.Raw = nil
	if !bytes.Equal(auditlog.LeafDataRawHash(&pruned, auditlog.RawHash(e.Raw)), base) {
		t.Error("LeafDataRawHash with the hash of the raw record differs from LeafData")
	}
	if !bytes.HasSuffix(base, auditlog.RawHash(e.Raw)) || bytes.Contains(base, []byte("\x01x")) {
		t.Error("LeafData does not end in the raw hash, or holds the raw bytes")
	}
	// Version 1 (logs written before) holds the raw bytes and differs.
	v1 := auditlog.LeafDataV1(e)
	if v1[0] != auditlog.LeafV1 || !bytes.HasSuffix(v1, []byte("\x01x")) || bytes.Equal(v1[1:], base[1:]) {
		t.Errorf("LeafDataV1 = %x", v1)
	}
	// The zone of a time does not matter, only the instant.
	c := *e
	c.Time = e.Time.In(time.FixedZone("X", 3600))
	if !bytes.Equal(auditlog.LeafData(&c), base) {
		t.Error("LeafData depends on the time zone")
	}
}

func FuzzParseCheckpoint(f *testing.F) {
	k := testKeys(f)
	c := auditlog.Checkpoint{Origin: "attest.test/log", Size: 8, Root: hx(roots[8]), Time: time.Unix(1700000000, 0)}
	f.Add(string(c.Marshal()))
	f.Add("attest.test/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")
	f.Add("attest.test/log\n18446744073709551615\nAAAA\nextra\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, body string) {
		signed, err := note.Sign(&note.Note{Text: body}, k.Signer)
		if err != nil {
			return // not a valid note text (no trailing newline, control characters)
		}
		got, err := auditlog.ParseCheckpoint(signed, k.Verifier)
		if err != nil {
			return
		}
		// What parses marshals back to a note that parses the same.
		again, err := note.Sign(&note.Note{Text: string(got.Marshal())}, k.Signer)
		if err != nil {
			t.Fatalf("re-sign: %v", err)
		}
		back, err := auditlog.ParseCheckpoint(again, k.Verifier)
		if err != nil || back.Size != got.Size || !bytes.Equal(back.Root, got.Root) || !back.Time.Equal(got.Time) {
			t.Fatalf("round trip of %q: %+v, %v", body, back, err)
		}
	})
}
