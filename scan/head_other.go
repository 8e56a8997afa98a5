//go:build !linux && !darwin

package scan

import (
	"errors"
	"io"
	"os"
)

// readHead reads the start of the file at path into buf, until buf is full
// or the file ends, and reports how much it read and whether that is the
// whole file.
func readHead(path string, buf []byte) (n int, whole bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false, err
	}
	defer f.Close()
	n, err = io.ReadFull(f, buf)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return n, true, nil
	case err != nil:
		return 0, false, err
	}
	return n, false, nil
}
