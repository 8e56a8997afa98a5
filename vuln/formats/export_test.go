package formats

// SetMaxInMemory sets the largest report read into memory for a test and
// returns a function that restores it.
func SetMaxInMemory(n int) (restore func()) {
	old := maxInMemory
	maxInMemory = n
	return func() { maxInMemory = old }
}
