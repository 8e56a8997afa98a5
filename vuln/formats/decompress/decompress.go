// Package decompress undoes the gzip compression of input files: scanner
// reports, KEV catalogs, EPSS scores and VEX documents are all accepted
// plain or gzipped, through this one helper.
package decompress

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"errors"
	"io"

	"github.com/attest-dev/attest"
)

// bufferSize is the read buffer Reader puts in front of its input.
const bufferSize = 64 << 10

// Reader returns a reader of r's content, decompressed when it starts with
// the gzip magic number (1f 8b) and as it is otherwise. A gzip stream that
// is malformed, cut short or fails its checksum gives an attest.Error with
// code attest.EINVALID that names the file (name), from Reader or from Read.
func Reader(name string, r io.Reader) (io.Reader, error) {
	return ReaderBuf(name, r, nil)
}

// ReaderBuf is Reader that reads r through br (Reset to r), when br is not
// nil, instead of a buffer of its own: one that reads many files in turn
// reuses a buffer. The returned reader is valid until br's next Reset.
func ReaderBuf(name string, r io.Reader, br *bufio.Reader) (io.Reader, error) {
	if br == nil {
		br = bufio.NewReaderSize(r, bufferSize)
	} else {
		br.Reset(r)
	}
	magic, _ := br.Peek(2)
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return br, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, invalid(name, err)
	}
	return &gzipReader{name: name, zr: zr}, nil
}

// gzipReader turns the errors of a gzip stream into input errors.
type gzipReader struct {
	name string
	zr   *gzip.Reader
}

func (g *gzipReader) Read(p []byte) (int, error) {
	n, err := g.zr.Read(p)
	if err != nil && err != io.EOF {
		err = invalid(g.name, err)
	}
	return n, err
}

// invalid describes an error of the gzip stream as an input error naming
// the file.
func invalid(name string, err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return attest.Errorf(attest.EINVALID, "%s: gzip stream cut short (truncated file?)", name)
	case errors.Is(err, gzip.ErrChecksum):
		return attest.Errorf(attest.EINVALID, "%s: gzip checksum mismatch (corrupt file)", name)
	case errors.Is(err, gzip.ErrHeader):
		return attest.Errorf(attest.EINVALID, "%s: invalid gzip header", name)
	case errors.As(err, &corrupt):
		return attest.Errorf(attest.EINVALID, "%s: corrupt gzip data at compressed byte %d", name, int64(corrupt))
	}
	return err // a read error from below (disk), not the file's fault
}
