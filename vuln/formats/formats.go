// Package formats detects the format of a vulnerability report and parses it
// with the parser for that format: Grype JSON, Trivy JSON, Amazon Inspector
// findings, Security Hub findings (ASFF), CycloneDX and SARIF. Gzip input is
// accepted wherever plain JSON is.
//
// Its subpackages are the pieces the parsers share: jsonstream (a token
// walker whose errors name file, offset, line:col and JSON path), severity,
// imageref, purl and golden (for tests).
package formats

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln/cyclonedx"
	"github.com/attest-dev/attest/vuln/formats/decompress"
	"github.com/attest-dev/attest/vuln/grype"
	"github.com/attest-dev/attest/vuln/inspector"
	"github.com/attest-dev/attest/vuln/sarif"
	"github.com/attest-dev/attest/vuln/trivy"
)

// Format is one known report format.
type Format struct {
	// Name is the format's name, also the scanner name of its occurrences
	// unless the file names its tool (CycloneDX, SARIF).
	Name string
	// Detect reports whether head, the first HeadSize bytes of a file (or
	// all of it, if shorter), is in this format.
	Detect func(head []byte) bool
	// Parse reads a whole report; name is the file name for occurrences and
	// errors.
	Parse func(name string, r io.Reader) ([]attest.Occurrence, error)
	// ParseWarn, when set, is Parse that also reports what it skipped.
	ParseWarn func(name string, r io.Reader, warn func(error)) ([]attest.Occurrence, error)
	// ParseBytes, when set, is Parse of a whole report held in memory, the
	// faster way to read one that is not too large (maxInMemory); it appends
	// the occurrences to dst.
	ParseBytes func(dst []attest.Occurrence, name string, data []byte) ([]attest.Occurrence, error)
	// ParseBytesShared, when set, is ParseBytes whose occurrences' strings
	// may share data's memory (Reader.Shared).
	ParseBytesShared func(dst []attest.Occurrence, name string, data []byte) ([]attest.Occurrence, error)
}

// maxInMemory is the largest (decompressed) report that is read into
// memory for a format's ParseBytes (64 MiB); a larger one is parsed as a
// stream. attest parses one file per CPU at a time, so this bounds the
// memory the files take while they are parsed. It is a variable for tests.
var maxInMemory = 64 << 20

// HeadSize is how many bytes detection reads.
const HeadSize = 8 << 10

// SkipHeadSize is how many bytes of a report Reader.Skip is shown.
const SkipHeadSize = 512

// ErrSkipped is returned for a report that Reader.Skip set aside.
var ErrSkipped = errors.New("report skipped")

// Known lists the formats in detection order: the ones with the most
// distinctive markers first.
func Known() []Format {
	return []Format{
		{Name: "cyclonedx", Detect: cyclonedx.Detect, Parse: cyclonedx.Parse, ParseWarn: cyclonedx.ParseWarn},
		{Name: "sarif", Detect: sarif.Detect, Parse: sarif.Parse},
		{Name: "securityhub", Detect: inspector.DetectASFF, Parse: inspector.ParseASFF},
		{Name: "inspector", Detect: inspector.Detect, Parse: inspector.Parse, ParseBytes: inspector.ParseBytes, ParseBytesShared: inspector.ParseBytesShared},
		{Name: "trivy", Detect: trivy.Detect, Parse: trivy.Parse, ParseBytes: trivy.ParseBytes, ParseBytesShared: trivy.ParseBytesShared},
		{Name: "grype", Detect: grype.Detect, Parse: grype.Parse, ParseBytes: grype.ParseBytes, ParseBytesShared: grype.ParseBytesShared},
	}
}

// ParseFile detects the format of the file at path (reading its first
// HeadSize bytes; gzip accepted) and parses it. An unknown format is an
// error that names the file and lists the known formats. Input errors carry
// code attest.EINVALID (attest.ErrorCode). warn (nil to drop them) is
// told of what the parser skipped and why, each a *jsonstream.Error.
func ParseFile(path string, warn func(error)) (occs []attest.Occurrence, format string, err error) {
	var r Reader
	return r.ParseFile(path, warn)
}

// Parse is ParseFile over a reader, without warnings; name names the input
// in occurrences and errors.
func Parse(name string, r io.Reader) ([]attest.Occurrence, string, error) {
	return ParseWarn(name, r, nil)
}

// A Reader parses reports one after another, as ParseFile and ParseWarn do,
// and keeps its buffers from one report to the next: the file's bytes and
// the slice of occurrences it returns, which is valid only until its next
// call. Parsing many reports, each goroutine uses a Reader of its own.
type Reader struct {
	// Skip, when set, is shown the start of each report as stored (up to
	// SkipHeadSize bytes, before decompression); when it returns true the
	// report is not parsed and ParseFile and ParseWarn return ErrSkipped.
	// It spares a caller that sets some files aside (merged reports, say)
	// opening and reading each file twice.
	Skip func(head []byte) bool
	// Shared, when set, lets the strings of the occurrences returned share
	// the Reader's buffer, which the next call overwrites: they are valid
	// only until then, like the slice that holds them. A caller that copies
	// what it keeps (vuln.Collector.Add) spares a copy of every string.
	Shared bool

	buf  []byte
	occs []attest.Occurrence
	// size is the size of the file being parsed, if known: the buffer is
	// made that large at once rather than grown (fresh memory is costly
	// to touch, and growing touches it twice).
	size int64
	// in and head are the buffered readers of the file and of its
	// decompressed content, reset for each report.
	in, head *bufio.Reader
}

// ParseFile is the function ParseFile with r's buffers.
func (r *Reader) ParseFile(path string, warn func(error)) (occs []attest.Occurrence, format string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("open vulnerability report: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		r.size = fi.Size()
		defer func() { r.size = 0 }()
	}
	return r.ParseWarn(path, f, warn)
}

// ParseWarn is Parse that passes warnings to warn (nil drops them).
func ParseWarn(name string, r io.Reader, warn func(error)) ([]attest.Occurrence, string, error) {
	var rd Reader
	return rd.ParseWarn(name, r, warn)
}

// ParseWarn is the function ParseWarn with r's buffers.
func (rd *Reader) ParseWarn(name string, r io.Reader, warn func(error)) ([]attest.Occurrence, string, error) {
	if rd.in == nil {
		rd.in = bufio.NewReaderSize(nil, 64<<10)
		rd.head = bufio.NewReaderSize(nil, HeadSize)
	}
	rd.in.Reset(r)
	if rd.Skip != nil {
		// What the first read brought in, unless the file is shorter.
		raw, _ := rd.in.Peek(SkipHeadSize)
		if rd.Skip(raw) {
			rd.in.Reset(nil)
			return nil, "", ErrSkipped
		}
	}
	// Resetting rd.in to itself keeps what it has read.
	plain, err := decompress.ReaderBuf(name, rd.in, rd.in)
	if err != nil {
		return nil, "", err
	}
	br := rd.head
	br.Reset(plain)
	// Let go of the file once it is parsed: the readers stay for the next.
	defer func() { rd.in.Reset(nil); br.Reset(nil) }()
	head, err := br.Peek(HeadSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		if attest.ErrorCode(err) == attest.EINVALID {
			return nil, "", err // a gzip stream cut short or corrupt
		}
		return nil, "", fmt.Errorf("read %s: %w", name, err)
	}
	// A UTF-8 byte order mark (Windows tools write one) is not JSON.
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		if _, err := br.Discard(3); err != nil {
			return nil, "", fmt.Errorf("read %s: %w", name, err)
		}
		head = head[3:]
	}
	known := Known()
	for _, f := range known {
		if !f.Detect(head) {
			continue
		}
		var occs []attest.Occurrence
		var err error
		if f.ParseBytes != nil {
			occs, err = rd.parseBytes(f, name, br)
		} else if f.ParseWarn != nil {
			occs, err = f.ParseWarn(name, br, warn)
		} else {
			occs, err = f.Parse(name, br)
		}
		if err != nil {
			return nil, f.Name, fmt.Errorf("parse %s report: %w", f.Name, err)
		}
		return occs, f.Name, nil
	}
	names := make([]string, len(known))
	for i, f := range known {
		names[i] = f.Name
	}
	return nil, "", attest.Errorf(attest.EINVALID, "%s: unknown vulnerability report format (known formats: %s)", name, strings.Join(names, ", "))
}

// parseBytes reads the rest of r into memory and parses it with
// f.ParseBytes. A report larger than maxInMemory is parsed as a stream
// (f.Parse) from what was read and the rest of r; so is one whose reading
// failed (a gzip stream cut short), so that the parser, reading the same
// bytes and then the same error, says where it happened as it always does.
func (rd *Reader) parseBytes(f Format, name string, r io.Reader) ([]attest.Occurrence, error) {
	if want := rd.size + 1; cap(rd.buf) < int(want) && want <= int64(maxInMemory)+1 {
		// With room for the next file to be a little larger.
		rd.buf = make([]byte, 0, min(want+want/8, int64(maxInMemory)+1))
	}
	data, err := readUpTo(rd.buf[:0], r, maxInMemory+1)
	if cap(data) <= maxInMemory+1 {
		rd.buf = data[:0]
	}
	switch {
	case err != nil:
		return f.Parse(name, io.MultiReader(bytes.NewReader(data), errReader{err}))
	case len(data) > maxInMemory:
		return f.Parse(name, io.MultiReader(bytes.NewReader(data), r))
	}
	// The parsers copy the strings they keep (unless rd.Shared), so the
	// buffer is reused; so is the slice of occurrences, whose old elements
	// are overwritten.
	parse := f.ParseBytes
	if rd.Shared && f.ParseBytesShared != nil {
		parse = f.ParseBytesShared
	}
	occs, err := parse(rd.occs[:0], name, data)
	if err != nil {
		return nil, err
	}
	rd.occs = occs[:0]
	return occs, nil
}

// readUpTo appends what r holds to buf, up to limit bytes.
func readUpTo(buf []byte, r io.Reader, limit int) ([]byte, error) {
	for len(buf) < limit {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, min(max(cap(buf), 512<<10), limit-len(buf)))
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), limit)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// errReader returns err on every read.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
