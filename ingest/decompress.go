package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
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

// Decompress gunzips body when it starts with the gzip magic bytes and
// returns it unchanged otherwise. Concatenated gzip members are read one
// after another. It refuses output longer than MaxDecompressed. Errors wrap
// an *attest.Error with code EINVALID.
func Decompress(body []byte) ([]byte, error) {
	if !IsGzip(body) {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, gunzipError(err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, MaxDecompressed+1))
	if err != nil {
		return nil, gunzipError(err)
	}
	if len(out) > MaxDecompressed {
		return nil, &BodyError{Line: 1, Column: 1, Reason: fmt.Sprintf("gunzip: body is larger than %d bytes once decompressed", MaxDecompressed)}
	}
	return out, nil
}

// gunzipError reports a gzip stream that cannot be read.
func gunzipError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = errors.New("gzip stream is truncated")
	}
	return &BodyError{Line: 1, Column: 1, Reason: "gunzip: " + err.Error()}
}
