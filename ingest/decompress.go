package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"

	"github.com/attest-dev/attest"
)

// MaxDecompressed is the most bytes Decompress produces from one body: a
// bound against gzip bombs, well above the size of a CloudTrail log file.
const MaxDecompressed = 256 << 20

// gzipMagic starts every gzip stream (RFC 1952).
var gzipMagic = []byte{0x1f, 0x8b}

// IsGzip reports whether body starts with the gzip magic bytes.
func IsGzip(body []byte) bool {
	return bytes.HasPrefix(body, gzipMagic)
}

// Decompress is DecompressWithin MaxDecompressed.
func Decompress(body []byte) ([]byte, error) {
	return DecompressWithin(body, MaxDecompressed)
}

// DecompressWithin gunzips body when it starts with the gzip magic bytes and
// returns it unchanged otherwise. Concatenated gzip members are read one
// after another. It refuses output longer than limit with a *TooLargeError,
// and a stream it cannot read with a *BodyError. Both wrap an *attest.Error
// with code EINVALID.
func DecompressWithin(body []byte, limit int64) ([]byte, error) {
	if !IsGzip(body) {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, gunzipError(err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, gunzipError(err)
	}
	if int64(len(out)) > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	return out, nil
}

// TooLargeError refuses a body that is larger than Limit bytes once
// decompressed.
type TooLargeError struct {
	Limit int64
}

// Error says what the limit is.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("gunzip: body is larger than %d bytes once decompressed", e.Limit)
}

// Unwrap returns the application error, with code EINVALID.
func (e *TooLargeError) Unwrap() error {
	return attest.Errorf(attest.EINVALID, "%s", e.Error())
}

// gunzipError reports a gzip stream that cannot be read.
func gunzipError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = errors.New("gzip stream is truncated")
	}
	return &BodyError{Line: 1, Column: 1, Reason: "gunzip: " + err.Error()}
}
