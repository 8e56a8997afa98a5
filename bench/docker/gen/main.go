// Command gen writes a tree of realistic Dockerfiles for benchmarking
// `attest scan` (see package bench/corpus): Node, Python, Go multi-stage and
// Alpine tool images, with global and stage ARGs, ENV chains, heredocs,
// secret mounts and cache mounts, some compliant with the Dockerfile rules
// and some not. The tree depends only on -n and -seed.
//
// Usage:
//
//	go run ./bench/docker/gen -out DIR -n 2000 [-seed 1]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/attest-dev/attest/bench/corpus"
)

func main() {
	out := flag.String("out", "", "directory to write the tree into (created)")
	n := flag.Int("n", 2000, "number of Dockerfiles")
	seed := flag.Uint64("seed", 1, "seed of the choices between compliant and non-compliant settings")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: gen -out DIR [-n N] [-seed S]")
		os.Exit(2)
	}
	if err := corpus.Dockerfiles(*out, *n, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %d Dockerfiles under %s\n", *n, *out)
}
