//go:build !linux

package hugeheap

// Reserve does nothing outside Linux: it returns ErrUnsupported, or the zero
// Range with no error when size is below MinSize, as on Linux.
func Reserve(size uint64) (Range, error) {
	if size < MinSize {
		return Range{}, nil
	}
	return Range{}, ErrUnsupported
}
