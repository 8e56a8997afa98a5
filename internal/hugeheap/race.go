//go:build race

package hugeheap

// raceDetector is whether the race detector is built in: it clears its
// shadow of the whole block when the block is freed, which costs about 5 s of
// CPU per GiB reserved, so Reserve takes at most raceMaxSize then.
const raceDetector = true
