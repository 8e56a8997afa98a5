// Command gen seeds a SQLite database of attest serve with a year of scan
// evidence, for benchmarking `attest report`: REPOS repositories, each
// uploading one scan a day for DAYS days before -end, with FINDINGS
// findings in all (spread evenly over the scans, of the rules of
// evidence/evidencetest, with a failing stretch every few weeks), and
// signs a checkpoint of the audit log.
//
//	go run ./bench/report/gen -db /tmp/report-bench/attest.db -findings 10000
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	et "github.com/attest-dev/attest/evidence/evidencetest"
	"github.com/attest-dev/attest/sqlite"
)

func main() {
	dbPath := flag.String("db", "", "SQLite database to create (required)")
	repos := flag.Int("repos", 2, "repositories")
	days := flag.Int("days", 365, "days of daily scans")
	findings := flag.Int("findings", 10000, "findings in all the scans together")
	end := flag.String("end", "2026-11-30", "last day of scans")
	flag.Parse()
	if *dbPath == "" {
		log.Fatal("give -db")
	}
	last, err := time.Parse(time.DateOnly, *end)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	db := sqlite.NewDB(*dbPath)
	db.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	db.Synchronous = "NORMAL" // seeding only
	if err := db.Open(ctx); err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	scans := *repos * *days
	perScan := 1
	if scans > 0 {
		perScan = max(1, (*findings+scans-1)/scans)
	}
	rules := []string{"aws-s3-encryption", "aws-cloudtrail-enabled", "k8s-privileged"}
	total := 0
	for d := range *days {
		day := last.AddDate(0, 0, d-*days+1)
		for r := range *repos {
			var vs []et.Verdict
			for i := range perScan {
				status := attest.StatusPass
				switch {
				case d%30 >= 25 && i == 0 && r == 0: // a failing stretch of five days a month
					status = attest.StatusFail
				case d%45 == 7 && i == 1:
					status = attest.StatusUnknown
				}
				vs = append(vs, et.Verdict{Rule: rules[i%len(rules)], Resource: fmt.Sprintf("resource.r%d_%d", r, i), Status: status})
			}
			if _, err := et.AddScan(ctx, db, fmt.Sprintf("github.com/acme/repo-%d", r), day.Add(time.Duration(9+r)*time.Hour), false, vs...); err != nil {
				log.Fatal(err)
			}
			total += len(vs)
		}
	}
	keys, err := auditlog.LoadOrCreateKey(ctx, db.KeyStore(), "attest.bench/log")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := auditlog.NewLog(db, keys).Publish(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("seeded %s: %d scans of %d repositories over %d days, %d findings\n", *dbPath, scans, *repos, *days, total)
}
