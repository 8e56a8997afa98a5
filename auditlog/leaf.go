package auditlog

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/attest-dev/attest"
	"github.com/transparency-dev/merkle/rfc6962"
)

// Leaf versions: the first byte of every leaf encoding. A new encoding gets a
// new version so that old leaves still verify.
const (
	// LeafV1 held the raw record itself, so a record whose payload
	// retention deleted could no longer be checked at all.
	LeafV1 = 1
	// LeafV2 holds the SHA-256 of the raw record instead, kept when the
	// payload is deleted, so every record's fields stay checked for ever.
	LeafV2 = 2
)

// RawHash returns the hash of a raw record that a version 2 leaf commits to:
// SHA-256 of the bytes.
func RawHash(raw []byte) []byte {
	sum := sha256.Sum256(raw)
	return sum[:]
}

// LeafData returns the canonical encoding of an event as a leaf of the audit
// log (version 2): a version byte, then the sequence number, the event and
// receive times and every normalised field, each length-prefixed so that no
// two different events share an encoding, and last the SHA-256 of the raw
// record. Retention deletes the raw record but keeps its hash, so a pruned
// record's leaf is still recomputed from what is stored.
//
// Layout of version 2 (integers big-endian, "str" is a uvarint length and the
// bytes):
//
//	0x02 | seq uint64 | time: 0x00, or 0x01 and unix nanos int64 |
//	received: the same | source str | external_id str | actor str |
//	action str | target str | outcome str | mfa byte (0 unset, 1 false,
//	2 true) | source_ip str | user_agent str | severity str |
//	sha256(raw) 32 bytes
func LeafData(e *attest.Event) []byte {
	return LeafDataRawHash(e, RawHash(e.Raw))
}

// LeafDataRawHash is LeafData with the hash of the raw record given, for a
// record whose raw bytes were deleted; e.Raw is not read.
func LeafDataRawHash(e *attest.Event, rawHash []byte) []byte {
	b := appendFields(make([]byte, 0, fieldsSize(e)+HashSize), LeafV2, e)
	return append(b, rawHash...)
}

// LeafDataV1 returns the version 1 encoding of an event: the same fields as
// version 2 followed by the raw record itself (uvarint length and bytes).
// Logs written before version 2 keep their version 1 leaves.
func LeafDataV1(e *attest.Event) []byte {
	b := appendFields(make([]byte, 0, fieldsSize(e)+binary.MaxVarintLen64+len(e.Raw)), LeafV1, e)
	b = binary.AppendUvarint(b, uint64(len(e.Raw)))
	return append(b, e.Raw...)
}

func fieldsSize(e *attest.Event) int {
	return 1 + 8 + 2*9 + 1 + 9*binary.MaxVarintLen64 + len(e.Source) + len(e.ExternalID) + len(e.Actor) +
		len(e.Action) + len(e.Target) + len(e.Outcome) + len(e.SourceIP) + len(e.UserAgent) + len(e.Severity)
}

func appendFields(b []byte, version byte, e *attest.Event) []byte {
	b = append(b, version)
	b = binary.BigEndian.AppendUint64(b, uint64(e.Seq))
	b = appendTime(b, e.Time)
	b = appendTime(b, e.Received)
	b = appendString(b, e.Source)
	b = appendString(b, e.ExternalID)
	b = appendString(b, e.Actor)
	b = appendString(b, e.Action)
	b = appendString(b, e.Target)
	b = appendString(b, e.Outcome)
	switch {
	case e.MFA == nil:
		b = append(b, 0)
	case *e.MFA:
		b = append(b, 2)
	default:
		b = append(b, 1)
	}
	b = appendString(b, e.SourceIP)
	b = appendString(b, e.UserAgent)
	return appendString(b, e.Severity)
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	return binary.BigEndian.AppendUint64(b, uint64(t.UnixNano()))
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// LeafHash returns the RFC 6962 leaf hash of data: SHA-256 of 0x00 and data.
func LeafHash(data []byte) []byte {
	return rfc6962.DefaultHasher.HashLeaf(data)
}

// EventLeafHash returns LeafHash(LeafData(e)), the version 2 leaf hash.
func EventLeafHash(e *attest.Event) []byte {
	return LeafHash(LeafData(e))
}

// Time bounds of an event: the times a leaf can encode as unix nanoseconds.
var (
	minTime = time.Unix(0, math.MinInt64)
	maxTime = time.Unix(0, math.MaxInt64)
)

// CheckEvent reports whether an event can be stored in the log: it needs a
// source, a receive time, and times that fit in int64 unix nanoseconds (years
// 1678 to 2262). A zero event time means the source did not say.
func CheckEvent(e *attest.Event) error {
	if e == nil {
		return errors.New("event is nil")
	}
	if e.Source == "" {
		return errors.New("source is empty")
	}
	if e.Received.IsZero() {
		return errors.New("received time is zero")
	}
	for _, t := range []struct {
		name string
		t    time.Time
	}{{"time", e.Time}, {"received time", e.Received}} {
		if !t.t.IsZero() && (t.t.Before(minTime) || t.t.After(maxTime)) {
			return fmt.Errorf("%s %s is outside the years 1678 to 2262", t.name, t.t.Format(time.RFC3339))
		}
	}
	return nil
}
