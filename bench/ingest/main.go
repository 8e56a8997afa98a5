// Command ingest measures attest serve's ingest throughput and
// acknowledgement latency: it starts the server in process on loopback over
// a SQLite file or a PostgreSQL database, sends CloudTrail log files of
// -batch records over real HTTP from -concurrency clients, and prints events
// per second and the p50/p99 time from sending a batch to its
// acknowledgement (which the server gives only once the batch is durable).
//
//	go run ./bench/ingest -db sqlite -events 200000 -batch 500 -concurrency 4
//	go run ./bench/ingest -db postgres -dsn "$ATTEST_TEST_POSTGRES" ...
//
// -detections runs the built-in detections as attest serve does (a worker
// evaluating each stored event after its acknowledgement): off, on, or
// both, which alternates runs without and with them on fresh databases,
// -rounds times (each round in the other order), so that the cost is
// measured in the same run. -match-rate
// makes that share of the records StopLogging calls (an alert each) and as
// many failed console sign-ins (counted by a correlation window). With the
// detections on it also prints how long after the last acknowledgement the
// worker had evaluated every stored event.
//
// On SQLite it also prints the pages the writer wrote per commit of
// ingest (and per 1,000 events), and how many commits the events took:
// what a change to the schema or the append saves, counted rather than
// timed.
//
// For PostgreSQL, point -dsn at a throwaway database: the events stay.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	mrand "math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/alerting"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/detect"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/ingest"
	"github.com/attest-dev/attest/ingest/cloudtrail"
	"github.com/attest-dev/attest/internal/cputime"
	"github.com/attest-dev/attest/postgres"
	"github.com/attest-dev/attest/sqlite"
)

// params are the benchmark's flags.
type params struct {
	db          string
	dsn         string
	events      int
	batch       int
	concurrency int
	gzip        bool
	synchronous string
	bodies      int
	cpuprofile  string
	detections  string
	rounds      int
	matchRate   float64
}

func main() {
	var p params
	flag.StringVar(&p.db, "db", "sqlite", "store: sqlite or postgres")
	flag.StringVar(&p.dsn, "dsn", "", "SQLite file (default: a new temporary file) or PostgreSQL URL (default $ATTEST_TEST_POSTGRES)")
	flag.IntVar(&p.events, "events", 200000, "events to send")
	flag.IntVar(&p.batch, "batch", 500, "CloudTrail records per request")
	flag.IntVar(&p.concurrency, "concurrency", 4, "clients sending at once")
	flag.BoolVar(&p.gzip, "gzip", false, "send bodies with Content-Encoding: gzip")
	flag.StringVar(&p.synchronous, "sqlite-synchronous", "FULL", "SQLite synchronous setting (FULL is what attest serve uses)")
	flag.IntVar(&p.bodies, "bodies", 0, "request bodies generated before the run (0: one per batch); with fewer bodies than batches a body is sent again with new eventIDs")
	flag.StringVar(&p.cpuprofile, "cpuprofile", "", "write a CPU profile of the run to this file")
	flag.StringVar(&p.detections, "detections", "off", "run the built-in detections: off, on, or both (alternating runs)")
	flag.IntVar(&p.rounds, "rounds", 1, "with -detections both: pairs of runs (off, on)")
	flag.Float64Var(&p.matchRate, "match-rate", 0.001, "share of records that are StopLogging calls, and again of failed console sign-ins")
	flag.Parse()
	if err := runAll(context.Background(), p, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench/ingest:", err)
		os.Exit(1)
	}
}

// runAll runs the benchmark once, or with -detections both in pairs of
// runs without and with the detections, and prints the throughput of each
// and the median drop.
func runAll(ctx context.Context, p params, out io.Writer) error {
	switch p.detections {
	case "off", "on":
		_, err := run(ctx, p, p.detections == "on", out)
		return err
	case "both":
	default:
		return fmt.Errorf("-detections %q: want off, on or both", p.detections)
	}
	var off, on []result
	for round := range max(p.rounds, 1) {
		// Alternate which goes first, so that neither gains from its place.
		order := []bool{false, true}
		if round%2 == 1 {
			order = []bool{true, false}
		}
		for _, det := range order {
			fmt.Fprintf(out, "--- round %d, detections %v\n", round+1, det)
			r, err := run(ctx, p, det, out)
			if err != nil {
				return err
			}
			if det {
				on = append(on, r)
			} else {
				off = append(off, r)
			}
		}
	}
	median := func(rs []result, f func(result) float64) float64 {
		v := make([]float64, len(rs))
		for i, r := range rs {
			v[i] = f(r)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	rate := func(r result) float64 { return r.rate }
	cpu := func(r result) float64 { return r.cpuPerEvent }
	pages := func(r result) float64 { return r.pagesPerCommit }
	fmt.Fprintf(out, "=== median of %d rounds: detections off %.0f events/s, %.1f µs CPU/event, %.0f pages/commit; on %.0f events/s, %.1f µs CPU/event, %.0f pages/commit; throughput drop %.1f %%, CPU per event +%.1f %%\n",
		len(off), median(off, rate), median(off, cpu), median(off, pages), median(on, rate), median(on, cpu), median(on, pages),
		100*(median(off, rate)-median(on, rate))/median(off, rate), 100*(median(on, cpu)-median(off, cpu))/median(off, cpu))
	return nil
}

// store is what the benchmark needs of a backend.
type store interface {
	auditlog.LogStore
	attest.TokenStore
	attest.AlertStore
	attest.EvalCursor
	Ping(ctx context.Context) error
	KeyStore() auditlog.KeyStore
	Close() error
	window() detect.Window
}

type sqliteStore struct{ *sqlite.DB }

// writerStats is the SQLite store's; see sqlite.DB.WriterStats.
type writerStats interface {
	WriterStats(ctx context.Context) (sqlite.WriterStats, error)
}

func (s sqliteStore) window() detect.Window { return s.Window() }

type postgresStore struct{ *postgres.DB }

func (s postgresStore) window() detect.Window { return s.Window() }

func openStore(ctx context.Context, p params, logger *slog.Logger) (store, func(), error) {
	switch p.db {
	case "sqlite":
		cleanup := func() {}
		path := p.dsn
		if path == "" {
			dir, err := os.MkdirTemp("", "attest-bench-ingest")
			if err != nil {
				return nil, nil, err
			}
			path = filepath.Join(dir, "attest.db")
			cleanup = func() { os.RemoveAll(dir) }
		}
		db := sqlite.NewDB(path)
		db.Logger, db.Synchronous = logger, p.synchronous
		if err := db.Open(ctx); err != nil {
			cleanup()
			return nil, nil, err
		}
		return sqliteStore{db}, cleanup, nil
	case "postgres":
		dsn := p.dsn
		if dsn == "" {
			dsn = os.Getenv("ATTEST_TEST_POSTGRES")
		}
		if dsn == "" {
			return nil, nil, errors.New("postgres: set -dsn or ATTEST_TEST_POSTGRES")
		}
		db := postgres.NewDB(dsn)
		db.Logger = logger
		if err := db.Open(ctx); err != nil {
			return nil, nil, err
		}
		return postgresStore{db}, func() {}, nil
	}
	return nil, nil, fmt.Errorf("-db %q: want sqlite or postgres", p.db)
}

// result is one run's events per second, CPU microseconds per event and,
// on SQLite, pages written per commit of ingest (0 elsewhere).
type result struct{ rate, cpuPerEvent, pagesPerCommit float64 }

// run runs the benchmark once.
func run(ctx context.Context, p params, detections bool, out io.Writer) (result, error) {
	if p.events <= 0 || p.batch <= 0 || p.concurrency <= 0 || p.bodies < 0 {
		return result{}, errors.New("-events, -batch and -concurrency must be positive, -bodies not negative")
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, cleanup, err := openStore(ctx, p, logger)
	if err != nil {
		return result{}, err
	}
	defer cleanup()
	defer st.Close()

	keys, err := auditlog.LoadOrCreateKey(ctx, st.KeyStore(), "attest.bench/log")
	if err != nil {
		return result{}, err
	}
	log := auditlog.NewLog(st, keys)
	log.Logger = logger
	pub := auditlog.NewPublisher(log, time.Second)
	pubCtx, stopPub := context.WithCancel(ctx)
	defer stopPub()
	go pub.Run(pubCtx)

	_, secret, err := attesthttp.CreateToken(ctx, st, attesthttp.NewToken{Name: "bench", Scope: attest.ScopeIngest, Actor: "bench", Via: "cli"}, time.Now(), rand.Reader)
	if err != nil {
		return result{}, err
	}
	srv := attesthttp.NewServer()
	srv.Addr = "127.0.0.1:0"
	srv.Events, srv.Tokens, srv.DB = st, st, st
	srv.Log, srv.LogKey, srv.AfterAppend = log, keys.VerifierKey, pub.Notify
	var worker *alerting.Worker
	if detections {
		set, err := detect.LoadBuiltin()
		if err != nil {
			return result{}, err
		}
		engine := detect.NewEngine(set, detect.Options{Window: st.window(), Logger: logger})
		worker = alerting.NewWorker(engine, st, st, st)
		worker.Logger = logger
		srv.AfterAppend = func() { pub.Notify(); worker.Notify() }
		srv.AfterIngest = worker.Stored
		workerCtx, stopWorker := context.WithCancel(ctx)
		workerDone := make(chan struct{})
		go func() {
			defer close(workerDone)
			worker.Run(workerCtx)
		}()
		defer func() { stopWorker(); <-workerDone }()
	}
	srv.Normalisers = []ingest.Normaliser{cloudtrail.New()}
	srv.Logger = logger
	srv.MaxBodyBytes = 64 << 20
	if err := srv.Open(); err != nil {
		return result{}, err
	}
	defer srv.Close()

	// Every record sent is a new one: a body sent twice as it was would be
	// answered from the dedup index without storing anything, which
	// measures the lookup rather than ingest. A body sent again (when
	// -bodies is below the number of batches) gets new eventIDs.
	batches := (p.events + p.batch - 1) / p.batch
	nbodies := batches
	if p.bodies > 0 && p.bodies < batches {
		if p.gzip {
			return result{}, errors.New("-gzip sends one body per batch: leave -bodies at 0")
		}
		nbodies = p.bodies
	}
	bodies := make([][]byte, nbodies)
	for i := range bodies {
		n := p.batch
		if i == len(bodies)-1 && p.events%p.batch != 0 && len(bodies) == batches {
			n = p.events % p.batch
		}
		if bodies[i], err = cloudTrailFile(i, n, p.gzip, p.matchRate); err != nil {
			return result{}, err
		}
	}
	var wire int
	for _, b := range bodies {
		wire += len(b)
	}

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: p.concurrency}}
	url := srv.URL() + "/api/v1/ingest/cloudtrail"
	jobs := make(chan int)
	var mu sync.Mutex
	var latencies []time.Duration
	var accepted, duplicates int
	var firstErr error
	var wg sync.WaitGroup
	if p.cpuprofile != "" {
		f, err := os.Create(p.cpuprofile)
		if err != nil {
			return result{}, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return result{}, err
		}
		defer pprof.StopCPUProfile()
	}
	var stats0 sqlite.WriterStats
	ws, _ := st.(writerStats)
	if ws != nil {
		if stats0, err = ws.WriterStats(ctx); err != nil {
			return result{}, err
		}
	}
	cpu0 := cpuTime()
	start := time.Now()
	for range p.concurrency {
		wg.Go(func() {
			for i := range jobs {
				body := bodies[i%len(bodies)]
				if round := i / len(bodies); round > 0 {
					body = newEventIDs(body, round)
				}
				req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+secret)
				req.Header.Set("Content-Type", "application/json")
				if p.gzip {
					req.Header.Set("Content-Encoding", "gzip")
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				var ack struct {
					Accepted   int `json:"accepted"`
					Duplicates int `json:"duplicates"`
				}
				if err == nil {
					if resp.StatusCode != http.StatusOK {
						b, _ := io.ReadAll(resp.Body)
						err = fmt.Errorf("batch %d: %s: %s", i, resp.Status, b)
					} else {
						err = json.NewDecoder(resp.Body).Decode(&ack)
					}
					resp.Body.Close()
				}
				d := time.Since(t0)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				latencies = append(latencies, d)
				accepted += ack.Accepted
				duplicates += ack.Duplicates
				mu.Unlock()
			}
		})
	}
	for i := range batches {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	cpu := cpuTime() - cpu0
	if firstErr != nil {
		return result{}, firstErr
	}
	var stats sqlite.WriterStats
	if ws != nil {
		if stats, err = ws.WriterStats(ctx); err != nil {
			return result{}, err
		}
	}

	slices.Sort(latencies)
	fmt.Fprintf(out, "store            %s\n", p.db)
	fmt.Fprintf(out, "machine          %d CPUs (GOMAXPROCS %d), %s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	fmt.Fprintf(out, "events           %d in %d batches of %d, %d clients, gzip %v\n", accepted, batches, p.batch, p.concurrency, p.gzip)
	fmt.Fprintf(out, "bytes per batch  %d on the wire\n", wire/len(bodies))
	fmt.Fprintf(out, "elapsed          %s\n", elapsed.Round(time.Millisecond))
	fmt.Fprintf(out, "throughput       %.0f events/s\n", float64(accepted)/elapsed.Seconds())
	fmt.Fprintf(out, "cpu              %.1f µs per event, %.2f s per 10,000 events (user+system of the whole process while sending)\n",
		float64(cpu.Microseconds())/float64(accepted), cpu.Seconds()*1e4/float64(accepted))
	var pagesPerCommit float64
	if commits := stats.Commits - stats0.Commits; commits > 0 {
		pages := stats.PagesWritten - stats0.PagesWritten
		pagesPerCommit = float64(pages) / float64(commits)
		fmt.Fprintf(out, "writer           %d commits of %.0f events; %.0f pages written per commit, %.0f per 1,000 events; %d pages read, %d spilled\n",
			commits, float64(stats.Rows-stats0.Rows)/float64(commits), pagesPerCommit,
			1000*float64(pages)/float64(stats.Rows-stats0.Rows), stats.CacheMisses-stats0.CacheMisses, stats.CacheSpills-stats0.CacheSpills)
	}
	fmt.Fprintf(out, "ack latency      p50 %s  p99 %s  max %s\n",
		pct(latencies, 0.50).Round(time.Microsecond*100), pct(latencies, 0.99).Round(time.Microsecond*100), latencies[len(latencies)-1].Round(time.Microsecond*100))
	if accepted != p.events {
		return result{}, fmt.Errorf("accepted %d events, sent %d", accepted, p.events)
	}
	if duplicates > 0 {
		return result{}, fmt.Errorf("%d of the events sent were answered as duplicates, not stored", duplicates)
	}
	if worker != nil {
		for {
			lag, err := st.EvalLag(ctx)
			if err != nil {
				return result{}, err
			}
			if lag == 0 {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		alerts, err := st.FindAlerts(ctx, attest.AlertFilter{})
		if err != nil {
			return result{}, err
		}
		fmt.Fprintf(out, "detections       every event evaluated %s after the last ack; %d alerts\n",
			(time.Since(start) - elapsed).Round(time.Millisecond), len(alerts))
	}
	return result{float64(accepted) / elapsed.Seconds(), float64(cpu.Microseconds()) / float64(accepted), pagesPerCommit}, nil
}

// cpuTime returns the CPU time the process has used, user and system, or 0
// where it cannot be read.
func cpuTime() time.Duration {
	d, _ := cputime.Process()
	return d
}

// pct returns the q quantile of sorted durations (nearest rank).
func pct(sorted []time.Duration, q float64) time.Duration {
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

var (
	eventNames = []struct{ source, name string }{
		{"signin.amazonaws.com", "ConsoleLogin"}, {"s3.amazonaws.com", "GetObject"}, {"s3.amazonaws.com", "PutObject"},
		{"ec2.amazonaws.com", "DescribeInstances"}, {"ec2.amazonaws.com", "RunInstances"}, {"iam.amazonaws.com", "CreateAccessKey"},
		{"sts.amazonaws.com", "AssumeRole"}, {"kms.amazonaws.com", "Decrypt"}, {"lambda.amazonaws.com", "Invoke"},
	}
	users = []string{"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"}
)

// cloudTrailFile returns a CloudTrail log file ({"Records": [...]}) of n
// records shaped like the ones AWS delivers, different for each seed; a
// share matchRate of them are StopLogging calls, as many failed console
// sign-ins.
func cloudTrailFile(seed, n int, gz bool, matchRate float64) ([]byte, error) {
	r := mrand.New(mrand.NewPCG(uint64(seed), 0x5eed))
	type identity struct {
		Type        string `json:"type"`
		PrincipalID string `json:"principalId"`
		ARN         string `json:"arn"`
		AccountID   string `json:"accountId"`
		AccessKeyID string `json:"accessKeyId"`
		UserName    string `json:"userName"`
	}
	type rec struct {
		EventVersion       string            `json:"eventVersion"`
		UserIdentity       identity          `json:"userIdentity"`
		EventTime          string            `json:"eventTime"`
		EventSource        string            `json:"eventSource"`
		EventName          string            `json:"eventName"`
		AWSRegion          string            `json:"awsRegion"`
		SourceIPAddress    string            `json:"sourceIPAddress"`
		UserAgent          string            `json:"userAgent"`
		RequestParameters  map[string]string `json:"requestParameters"`
		ResponseElements   any               `json:"responseElements"`
		RequestID          string            `json:"requestID"`
		EventID            string            `json:"eventID"`
		ReadOnly           bool              `json:"readOnly"`
		EventType          string            `json:"eventType"`
		ManagementEvent    bool              `json:"managementEvent"`
		RecipientAccountID string            `json:"recipientAccountId"`
		EventCategory      string            `json:"eventCategory"`
	}
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(seed) * time.Hour)
	records := make([]rec, n)
	for i := range records {
		ev := eventNames[r.IntN(len(eventNames))]
		user := users[r.IntN(len(users))]
		records[i] = rec{
			EventVersion: "1.09",
			UserIdentity: identity{
				Type: "IAMUser", PrincipalID: fmt.Sprintf("AIDA%016X", r.Uint64()), ARN: "arn:aws:iam::111122223333:user/" + user,
				AccountID: "111122223333", AccessKeyID: fmt.Sprintf("AKIA%016X", r.Uint64()), UserName: user,
			},
			EventTime:          base.Add(time.Duration(i) * time.Second).Format(time.RFC3339),
			EventSource:        ev.source,
			EventName:          ev.name,
			AWSRegion:          "eu-west-1",
			SourceIPAddress:    fmt.Sprintf("203.0.113.%d", r.IntN(254)+1),
			UserAgent:          "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12",
			RequestParameters:  map[string]string{"bucketName": "shop-invoices", "key": fmt.Sprintf("2026/03/%08d.pdf", r.IntN(1e8))},
			ResponseElements:   nil,
			RequestID:          fmt.Sprintf("%016X", r.Uint64()),
			EventID:            fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", r.Uint32(), r.IntN(1<<16), r.IntN(1<<12), r.IntN(1<<12), r.Uint64()&(1<<48-1)),
			ReadOnly:           ev.name[:3] == "Get" || ev.name[:3] == "Des",
			EventType:          "AwsApiCall",
			ManagementEvent:    ev.source != "s3.amazonaws.com",
			RecipientAccountID: "111122223333",
			EventCategory:      "Management",
		}
		switch x := r.Float64(); {
		case x < matchRate:
			records[i].EventSource, records[i].EventName, records[i].ReadOnly = "cloudtrail.amazonaws.com", "StopLogging", false
			records[i].RequestParameters = map[string]string{"name": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main"}
		case x < 2*matchRate:
			records[i].EventSource, records[i].EventName, records[i].ReadOnly = "signin.amazonaws.com", "ConsoleLogin", false
			records[i].ResponseElements = map[string]string{"ConsoleLogin": "Failure"}
		}
	}
	b, err := json.Marshal(map[string]any{"Records": records})
	if err != nil || !gz {
		return b, err
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// newEventIDs returns a copy of a CloudTrail file of cloudTrailFile whose
// eventIDs (the records' dedup keys) are new for each round: the first
// eight hex digits of each become the round's.
func newEventIDs(body []byte, round int) []byte {
	out := bytes.Clone(body)
	key := []byte(`"eventID":"`)
	prefix := fmt.Appendf(nil, "%08x", uint32(round))
	for i := 0; ; {
		j := bytes.Index(out[i:], key)
		if j < 0 {
			return out
		}
		i += j + len(key)
		copy(out[i:], prefix)
	}
}
