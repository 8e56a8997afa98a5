//go:build !race

package hugeheap

// raceDetector is whether the race detector is built in (see race.go).
const raceDetector = false
