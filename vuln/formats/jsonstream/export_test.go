package jsonstream

// SetWindow sets the retained window for a test and returns a function that
// restores it.
func SetWindow(n int) (restore func()) {
	old := window
	window = n
	return func() { window = old }
}
