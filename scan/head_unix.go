//go:build linux || darwin

package scan

import (
	"errors"
	"io/fs"
	"syscall"
)

// readHead reads the start of the file at path into buf, until buf is full
// or the file ends, and reports how much it read and whether that is the
// whole file. It makes the system calls itself: os.Open would also make the
// descriptor non-blocking and offer it to the runtime's poller, which costs
// more than the read of a small file, and detection opens every file of
// the tree. Errors are *fs.PathError, as those of os.Open and Read.
func readHead(path string, buf []byte) (n int, whole bool, err error) {
	var fd int
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		return 0, false, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	for n < len(buf) {
		m, err := syscall.Read(fd, buf[n:])
		switch {
		case errors.Is(err, syscall.EINTR):
			continue
		case err != nil:
			return 0, false, &fs.PathError{Op: "read", Path: path, Err: err}
		case m == 0:
			return n, true, nil
		}
		n += m
	}
	return n, false, nil
}
