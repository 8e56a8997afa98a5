// Command gen writes the mixed tree of issue 12's speed target for
// benchmarking `attest scan`: CloudFormation templates and Dockerfiles from
// package bench/corpus side by side. The tree depends only on the counts
// and -seed.
//
// Usage:
//
//	go run ./bench/mixed/gen -out DIR [-templates 2000] [-dockerfiles 2000] [-seed 1]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/attest-dev/attest/bench/corpus"
)

func main() {
	out := flag.String("out", "", "directory to write the tree into (created)")
	templates := flag.Int("templates", 2000, "number of CloudFormation templates")
	dockerfiles := flag.Int("dockerfiles", 2000, "number of Dockerfiles")
	seed := flag.Uint64("seed", 1, "seed of the choices between compliant and non-compliant settings")
	flag.Parse()
	if *out == "" || *templates < 0 || *dockerfiles < 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -out DIR [-templates N] [-dockerfiles N] [-seed S]")
		os.Exit(2)
	}
	if err := corpus.CloudFormation(filepath.Join(*out, "infra"), *templates, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
	if err := corpus.Dockerfiles(filepath.Join(*out, "services"), *dockerfiles, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %d templates and %d Dockerfiles under %s\n", *templates, *dockerfiles, *out)
}
