package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/evidence"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/ingest"
	"github.com/attest-dev/attest/ingest/cloudtrail"
	"github.com/attest-dev/attest/ingest/falco"
	"github.com/attest-dev/attest/ingest/generic"
	"github.com/attest-dev/attest/ingest/k8saudit"
	"github.com/attest-dev/attest/postgres"
	"github.com/attest-dev/attest/sqlite"
	"github.com/dustin/go-humanize"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"
)

func init() {
	commands = append(commands, newServeCmd, newTokenCmd)
}

// serveConfig is the whole configuration of attest serve. It is read in one
// place, loadServeConfig: DefaultServeConfig, then the YAML file, then the
// environment (ATTEST_*), then the flags given on the command line.
type serveConfig struct {
	// DB is a SQLite file path, or a postgres:// or postgresql:// URL.
	DB          string `yaml:"db"`
	Addr        string `yaml:"addr"`
	MetricsAddr string `yaml:"metrics_addr"`
	TLSCert     string `yaml:"tls_cert"`
	TLSKey      string `yaml:"tls_key"`
	// MaxBody limits a request body, such as "10MiB".
	MaxBody string `yaml:"max_body"`
	// MaxEvents limits the records of one ingest request.
	MaxEvents int `yaml:"max_events"`
	// LogOrigin names the audit log in its checkpoints and signing key.
	LogOrigin string `yaml:"log_origin"`
	// CheckpointInterval is how often a checkpoint is signed even when
	// nothing asks for one, such as "1m".
	CheckpointInterval string `yaml:"checkpoint_interval"`
	// LogLevel is debug, info, warn or error.
	LogLevel   string                 `yaml:"log_level"`
	Identities attesthttp.IdentityMap `yaml:"identities"`
	// ClientCA is a PEM bundle of CAs whose client certificates
	// authenticate kube-apiserver at the admission endpoint.
	ClientCA  string               `yaml:"client_ca"`
	Admission admissionServeConfig `yaml:"admission"`
}

// admissionServeConfig is the admission section of the serve config.
type admissionServeConfig struct {
	// Enabled serves POST /api/v1/admission/validate.
	Enabled bool `yaml:"enabled"`
	// DefaultMode is enforce, audit (the default) or off; Namespaces
	// give namespaces their own.
	DefaultMode string            `yaml:"default_mode"`
	Namespaces  map[string]string `yaml:"namespaces"`
	// Config is an .attest.yaml whose exceptions register, fail_on and
	// rule selection (rules.only, rules.exclude, rules.dirs, frameworks)
	// the webhook applies, as attest scan does in CI.
	Config string `yaml:"config"`
	// ImageGate requires a vulnerability report for every image digest;
	// on unless set to false.
	ImageGate *bool `yaml:"image_gate"`
}

// DefaultServeConfig returns the configuration before the file, the
// environment and the flags adjust it.
func DefaultServeConfig() serveConfig {
	return serveConfig{
		DB:                 "attest.db",
		Addr:               ":8080",
		MaxBody:            "10MiB",
		MaxEvents:          ingest.DefaultMaxRecords,
		LogOrigin:          "attest",
		CheckpointInterval: "1m",
		LogLevel:           "info",
	}
}

// serveEnv maps each environment variable to its setting.
var serveEnv = []struct {
	name string
	set  func(c *serveConfig, v string)
}{
	{"ATTEST_DB", func(c *serveConfig, v string) { c.DB = v }},
	{"ATTEST_ADDR", func(c *serveConfig, v string) { c.Addr = v }},
	{"ATTEST_METRICS_ADDR", func(c *serveConfig, v string) { c.MetricsAddr = v }},
	{"ATTEST_TLS_CERT", func(c *serveConfig, v string) { c.TLSCert = v }},
	{"ATTEST_TLS_KEY", func(c *serveConfig, v string) { c.TLSKey = v }},
	{"ATTEST_MAX_BODY", func(c *serveConfig, v string) { c.MaxBody = v }},
	{"ATTEST_MAX_EVENTS", func(c *serveConfig, v string) { c.MaxEvents, _ = strconv.Atoi(v) }},
	{"ATTEST_LOG_ORIGIN", func(c *serveConfig, v string) { c.LogOrigin = v }},
	{"ATTEST_CHECKPOINT_INTERVAL", func(c *serveConfig, v string) { c.CheckpointInterval = v }},
	{"ATTEST_LOG_LEVEL", func(c *serveConfig, v string) { c.LogLevel = v }},
	{"ATTEST_CLIENT_CA", func(c *serveConfig, v string) { c.ClientCA = v }},
	{"ATTEST_ADMISSION", func(c *serveConfig, v string) { c.Admission.Enabled, _ = strconv.ParseBool(v) }},
	{"ATTEST_ADMISSION_CONFIG", func(c *serveConfig, v string) { c.Admission.Config = v }},
}

// serveFlags are the flags of attest serve, by setting.
type serveFlags struct {
	config                                  string
	db, addr, metricsAddr, tlsCert, tlsKey  string
	maxBody, logOrigin, checkpoint, logLevl string
	maxEvents                               int
	clientCA, admissionConfig               string
	admission                               bool
}

func (f *serveFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "YAML configuration file (env ATTEST_CONFIG)")
	fs.StringVar(&f.db, "db", "", "SQLite file, or postgres:// URL (env ATTEST_DB; default attest.db)")
	fs.StringVar(&f.addr, "addr", "", "address to listen on (env ATTEST_ADDR; default :8080)")
	fs.StringVar(&f.metricsAddr, "metrics-addr", "", "serve /metrics without a token on this second address (env ATTEST_METRICS_ADDR)")
	fs.StringVar(&f.tlsCert, "tls-cert", "", "PEM certificate file; serve HTTPS (env ATTEST_TLS_CERT)")
	fs.StringVar(&f.tlsKey, "tls-key", "", "PEM key file of --tls-cert (env ATTEST_TLS_KEY)")
	fs.StringVar(&f.maxBody, "max-body", "", "request body limit such as 10MiB (env ATTEST_MAX_BODY)")
	fs.IntVar(&f.maxEvents, "max-events", 0, "most records one ingest request may send (env ATTEST_MAX_EVENTS; default 10000)")
	fs.StringVar(&f.logOrigin, "log-origin", "", "name of the audit log in its checkpoints (env ATTEST_LOG_ORIGIN; default attest)")
	fs.StringVar(&f.checkpoint, "checkpoint-interval", "", "sign a checkpoint at least this often (env ATTEST_CHECKPOINT_INTERVAL; default 1m)")
	fs.StringVar(&f.logLevl, "log-level", "", "debug, info, warn or error (env ATTEST_LOG_LEVEL)")
	fs.StringVar(&f.clientCA, "client-ca", "", "PEM CA bundle: client certificates it verifies may call the admission webhook (env ATTEST_CLIENT_CA)")
	fs.BoolVar(&f.admission, "admission", false, "serve the validating admission webhook at /api/v1/admission/validate (env ATTEST_ADMISSION)")
	fs.StringVar(&f.admissionConfig, "admission-config", "", ".attest.yaml whose exceptions, fail_on and rule selection the webhook applies (env ATTEST_ADMISSION_CONFIG)")
}

// loadServeConfig reads the configuration: defaults, then the file (the
// --config flag, else ATTEST_CONFIG), then the environment, then the flags
// that were given. getenv is os.Getenv outside tests.
func loadServeConfig(fs *pflag.FlagSet, f *serveFlags, getenv func(string) string) (serveConfig, error) {
	c := DefaultServeConfig()
	path := f.config
	if path == "" {
		path = getenv("ATTEST_CONFIG")
	}
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return c, fmt.Errorf("read config: %w", err)
		}
		if err := parseServeConfig(data, &c); err != nil {
			return c, fmt.Errorf("config %s: %w", path, err)
		}
	}
	for _, e := range serveEnv {
		if v := getenv(e.name); v != "" {
			e.set(&c, v)
		}
	}
	for name, set := range map[string]func(){
		"db":                  func() { c.DB = f.db },
		"addr":                func() { c.Addr = f.addr },
		"metrics-addr":        func() { c.MetricsAddr = f.metricsAddr },
		"tls-cert":            func() { c.TLSCert = f.tlsCert },
		"tls-key":             func() { c.TLSKey = f.tlsKey },
		"max-body":            func() { c.MaxBody = f.maxBody },
		"max-events":          func() { c.MaxEvents = f.maxEvents },
		"log-origin":          func() { c.LogOrigin = f.logOrigin },
		"checkpoint-interval": func() { c.CheckpointInterval = f.checkpoint },
		"log-level":           func() { c.LogLevel = f.logLevl },
		"client-ca":           func() { c.ClientCA = f.clientCA },
		"admission":           func() { c.Admission.Enabled = f.admission },
		"admission-config":    func() { c.Admission.Config = f.admissionConfig },
	} {
		if fs.Changed(name) {
			set()
		}
	}
	if err := c.Identities.Validate(); err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	return c, nil
}

// parseServeConfig reads a YAML configuration over c, refusing unknown keys.
func parseServeConfig(data []byte, c *serveConfig) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// parseSize reads a byte size such as "10MiB", "512KiB" or "1048576".
func parseSize(s string) (int64, error) {
	n, err := humanize.ParseBytes(strings.TrimSpace(s))
	if err != nil || n == 0 || n > 1<<40 {
		return 0, fmt.Errorf("size %q: want a positive size up to 1TiB such as 10MiB or 10MB", s)
	}
	return int64(n), nil
}

// store is the backend attest serve runs on: sqlite.DB or postgres.DB.
type store interface {
	auditlog.LogStore
	attest.TokenStore
	attest.EvidenceStore
	attest.ControlStatusStore
	RevokeToken(ctx context.Context, id string, record *attest.Event) error
	Tokens(ctx context.Context) ([]*attest.Token, error)
	Ping(ctx context.Context) error
	KeyStore() auditlog.KeyStore
	Close() error
}

// openStore opens the store the DSN names: PostgreSQL for a postgres:// or
// postgresql:// URL, else a SQLite file.
func openStore(ctx context.Context, dsn string, logger *slog.Logger) (store, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		db := postgres.NewDB(dsn)
		db.Logger = logger
		if err := db.Open(ctx); err != nil {
			return nil, fmt.Errorf("open %s: %w", redactDSN(dsn), err)
		}
		return db, nil
	default:
		db := sqlite.NewDB(dsn)
		db.Logger = logger
		if err := db.Open(ctx); err != nil {
			return nil, fmt.Errorf("open %s: %w", dsn, err)
		}
		return db, nil
	}
}

// redactDSN hides the password of a database URL.
func redactDSN(dsn string) string {
	if !strings.Contains(dsn, "://") {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "(a database URL that does not parse)"
	}
	return u.Redacted()
}

// normalisers returns the dedicated normalisers and the generic one.
func normalisers() ([]ingest.Normaliser, func(string) ingest.Normaliser) {
	return []ingest.Normaliser{k8saudit.New(), falco.New(), cloudtrail.New()},
		func(source string) ingest.Normaliser { return generic.New(source) }
}

func newServeCmd() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the security event feed and tamper-evident audit log",
		Long: `attest serve receives security events over HTTP (Kubernetes audit webhook, Falco,
CloudTrail, generic JSON), keeps them in a tamper-evident log, and answers queries.

Configuration comes from defaults, then the --config YAML file, then ATTEST_*
environment variables, then flags. Create API tokens with 'attest token create'.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := loadServeConfig(cmd.Flags(), &f, os.Getenv)
			if err != nil {
				return &exitError{code: exitInput, err: err}
			}
			return runServe(cmd.Context(), c, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f.register(cmd.Flags())
	return cmd
}

// runServe serves until ctx is done (SIGINT or SIGTERM), then shuts down
// gracefully.
func runServe(ctx context.Context, c serveConfig, stdout, stderr io.Writer) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return &exitError{code: exitInput, err: fmt.Errorf("log level %q: want debug, info, warn or error", c.LogLevel)}
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
	if c.MaxEvents < 1 {
		return &exitError{code: exitInput, err: fmt.Errorf("max events %d: want a whole number from 1", c.MaxEvents)}
	}
	maxBody, err := parseSize(c.MaxBody)
	if err != nil {
		return &exitError{code: exitInput, err: fmt.Errorf("max body: %w", err)}
	}
	interval, err := time.ParseDuration(c.CheckpointInterval)
	if err != nil || interval <= 0 {
		return &exitError{code: exitInput, err: fmt.Errorf("checkpoint interval %q: want a positive duration such as 1m", c.CheckpointInterval)}
	}

	st, err := openStore(ctx, c.DB, logger)
	if err != nil {
		return err
	}
	defer st.Close()
	keys, err := auditlog.LoadOrCreateKey(ctx, st.KeyStore(), c.LogOrigin)
	if err != nil {
		return err
	}
	log := auditlog.NewLog(st, keys)
	log.Logger = logger
	pub := auditlog.NewPublisher(log, interval)
	pubCtx, stopPub := context.WithCancel(context.WithoutCancel(ctx))
	pubDone := make(chan struct{})
	go func() {
		defer close(pubDone)
		pub.Run(pubCtx)
	}()

	srv := attesthttp.NewServer()
	srv.Addr, srv.MetricsAddr = c.Addr, c.MetricsAddr
	srv.TLSCert, srv.TLSKey = c.TLSCert, c.TLSKey
	srv.Events, srv.Tokens, srv.DB, srv.Evidence = st, st, st, st
	snap, err := evidence.NewSnapshotter(st, st)
	if err != nil {
		stopPub()
		<-pubDone
		return err
	}
	snap.Logger = logger
	// The statuses take in alerts when the store keeps them.
	if alerts, ok := st.(evidence.AlertFinder); ok {
		snap.Alerts = alerts
	}
	srv.Controls = snap
	snapDone := make(chan struct{})
	go func() {
		defer close(snapDone)
		snap.Run(pubCtx)
	}()
	srv.Log, srv.LogKey, srv.AfterAppend = log, keys.VerifierKey, pub.Notify
	srv.Normalisers, srv.Generic = normalisers()
	srv.Identities = c.Identities
	srv.Logger = logger
	srv.MaxBodyBytes = maxBody
	srv.Limits.MaxRecords = c.MaxEvents
	srv.ClientCAFile = c.ClientCA
	if c.Admission.Enabled {
		w, err := newAdmissionWebhook(ctx, c.Admission, st, logger)
		if err != nil {
			stopPub()
			<-pubDone
			return &exitError{code: exitInput, err: err}
		}
		srv.Admission = w
	}
	if err := srv.Open(); err != nil {
		stopPub()
		<-pubDone
		<-snapDone
		return err
	}
	logger.Info("attest serve started", "url", srv.URL(), "db", redactDSN(c.DB), "log_key", keys.VerifierKey)

	<-ctx.Done()
	logger.Info("shutting down")
	err = srv.Close()
	stopPub()
	<-pubDone
	<-snapDone
	// A last checkpoint covers everything acknowledged before shutdown.
	pctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, perr := log.Publish(pctx); perr != nil {
		logger.Warn("final checkpoint", "err", perr)
	}
	return err
}
