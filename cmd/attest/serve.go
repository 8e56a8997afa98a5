package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/alerting"
	"github.com/attest-dev/attest/auditlog"
	"github.com/attest-dev/attest/detect"
	"github.com/attest-dev/attest/evidence"
	attesthttp "github.com/attest-dev/attest/http"
	"github.com/attest-dev/attest/ingest"
	"github.com/attest-dev/attest/ingest/cloudtrail"
	"github.com/attest-dev/attest/ingest/falco"
	"github.com/attest-dev/attest/ingest/generic"
	"github.com/attest-dev/attest/ingest/k8saudit"
	"github.com/attest-dev/attest/notify"
	"github.com/attest-dev/attest/postgres"
	"github.com/attest-dev/attest/sqlite"
	"github.com/attest-dev/attest/web"
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
	DB string `yaml:"db"`
	// DBFile names a file holding DB, such as a Kubernetes Secret mounted
	// as a volume, so the URL's password is in no environment variable.
	// Whichever of DB and DBFile was set last (file, environment, flags)
	// wins.
	DBFile      string `yaml:"db_file"`
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
	// Notify routes alerts to channels (Slack, PagerDuty, webhook, email);
	// see package notify. Its secrets are read from the environment or
	// files it names.
	Notify     notify.Config    `yaml:"notify"`
	Detections detectionsConfig `yaml:"detections"`
	// Web configures the dashboard and its sign-in.
	Web webConfig `yaml:"web"`
	// SignInLink is the --signin-link flag.
	SignInLink bool `yaml:"-"`
	// ClientCA is a PEM bundle of CAs whose client certificates
	// authenticate kube-apiserver at the admission endpoint.
	ClientCA  string               `yaml:"client_ca"`
	Admission admissionServeConfig `yaml:"admission"`
}

// detectionsConfig turns the detections of attest serve on or off and
// adds rules and grouping windows.
type detectionsConfig struct {
	// Enabled runs the detections over every stored event (default true).
	Enabled bool `yaml:"enabled"`
	// Dirs are folders of Sigma rules run besides the built-in ones.
	Dirs []string `yaml:"dirs"`
	// AlertWindow is how long an alert gathers repeats of its rule and
	// group, such as "1h", unless the rule or RuleWindows says otherwise.
	AlertWindow string `yaml:"alert_window"`
	// RuleWindows sets the grouping window of single rules, by rule name
	// or id.
	RuleWindows map[string]string `yaml:"rule_windows"`
}

// windows reads the grouping windows of the configuration.
func (d detectionsConfig) windows() (alerting.Windows, error) {
	parse := func(what, v string) (time.Duration, error) {
		w, err := time.ParseDuration(v)
		if err != nil || w <= 0 {
			return 0, fmt.Errorf("detections: %s %q: want a positive duration such as 30m or 24h", what, v)
		}
		return w, nil
	}
	w := alerting.Windows{Default: alerting.DefaultWindow, Rules: map[string]time.Duration{}}
	if d.AlertWindow != "" {
		def, err := parse("alert_window", d.AlertWindow)
		if err != nil {
			return w, err
		}
		w.Default = def
	}
	for rule, v := range d.RuleWindows {
		rw, err := parse("rule_windows."+rule, v)
		if err != nil {
			return w, err
		}
		w.Rules[rule] = rw
	}
	return w, nil
}

// webConfig is the dashboard's part of the configuration.
type webConfig struct {
	// URL is the dashboard's external base URL (https://attest.example.com):
	// the origin that forms must come from, and the base of the printed
	// sign-in link. Empty: the listening address.
	URL string `yaml:"url"`
	// SessionTTL is how long a sign-in lasts, such as "12h".
	SessionTTL string `yaml:"session_ttl"`
	// SecureCookies marks cookies Secure behind a proxy that ends TLS
	// (with tls_cert set they always are).
	SecureCookies bool `yaml:"secure_cookies"`
	// OIDC, when set, offers single sign-on; its client secret is better
	// given in ATTEST_OIDC_CLIENT_SECRET than in the file.
	OIDC *web.OIDC `yaml:"oidc"`
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
		Web:                webConfig{SessionTTL: "12h"},
		Detections:         detectionsConfig{Enabled: true, AlertWindow: "1h"},
	}
}

// serveEnv maps each environment variable to its setting.
var serveEnv = []struct {
	name string
	set  func(c *serveConfig, v string)
}{
	{"ATTEST_DB", func(c *serveConfig, v string) { c.DB, c.DBFile = v, "" }},
	{"ATTEST_DB_FILE", func(c *serveConfig, v string) { c.DB, c.DBFile = "", v }},
	{"ATTEST_ADDR", func(c *serveConfig, v string) { c.Addr = v }},
	{"ATTEST_METRICS_ADDR", func(c *serveConfig, v string) { c.MetricsAddr = v }},
	{"ATTEST_TLS_CERT", func(c *serveConfig, v string) { c.TLSCert = v }},
	{"ATTEST_TLS_KEY", func(c *serveConfig, v string) { c.TLSKey = v }},
	{"ATTEST_MAX_BODY", func(c *serveConfig, v string) { c.MaxBody = v }},
	{"ATTEST_MAX_EVENTS", func(c *serveConfig, v string) { c.MaxEvents, _ = strconv.Atoi(v) }},
	{"ATTEST_LOG_ORIGIN", func(c *serveConfig, v string) { c.LogOrigin = v }},
	{"ATTEST_CHECKPOINT_INTERVAL", func(c *serveConfig, v string) { c.CheckpointInterval = v }},
	{"ATTEST_LOG_LEVEL", func(c *serveConfig, v string) { c.LogLevel = v }},
	{"ATTEST_WEB_URL", func(c *serveConfig, v string) { c.Web.URL = v }},
	{"ATTEST_OIDC_CLIENT_SECRET", func(c *serveConfig, v string) {
		if c.Web.OIDC != nil {
			c.Web.OIDC.ClientSecret = v
		}
	}},
	{"ATTEST_DETECTIONS", func(c *serveConfig, v string) { c.Detections.Dirs = strings.Split(v, ",") }},
	{"ATTEST_CLIENT_CA", func(c *serveConfig, v string) { c.ClientCA = v }},
	{"ATTEST_ADMISSION", func(c *serveConfig, v string) { c.Admission.Enabled, _ = strconv.ParseBool(v) }},
	{"ATTEST_ADMISSION_CONFIG", func(c *serveConfig, v string) { c.Admission.Config = v }},
}

// serveFlags are the flags of attest serve, by setting.
type serveFlags struct {
	config                                  string
	db, dbFile, addr, metricsAddr, tlsCert  string
	tlsKey                                  string
	maxBody, logOrigin, checkpoint, logLevl string
	maxEvents                               int
	// signinLink prints a one-time admin sign-in link even when people
	// have signed in before.
	signinLink                bool
	detections                []string
	clientCA, admissionConfig string
	admission                 bool
}

func (f *serveFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "YAML configuration file (env ATTEST_CONFIG)")
	fs.StringVar(&f.db, "db", "", "SQLite file, or postgres:// URL (env ATTEST_DB; default attest.db)")
	fs.StringVar(&f.dbFile, "db-file", "", "file holding the --db value, such as a mounted Secret (env ATTEST_DB_FILE)")
	fs.StringVar(&f.addr, "addr", "", "address to listen on (env ATTEST_ADDR; default :8080)")
	fs.StringVar(&f.metricsAddr, "metrics-addr", "", "serve /metrics without a token on this second address (env ATTEST_METRICS_ADDR)")
	fs.StringVar(&f.tlsCert, "tls-cert", "", "PEM certificate file; serve HTTPS (env ATTEST_TLS_CERT)")
	fs.StringVar(&f.tlsKey, "tls-key", "", "PEM key file of --tls-cert (env ATTEST_TLS_KEY)")
	fs.StringVar(&f.maxBody, "max-body", "", "request body limit such as 10MiB (env ATTEST_MAX_BODY)")
	fs.IntVar(&f.maxEvents, "max-events", 0, "most records one ingest request may send (env ATTEST_MAX_EVENTS; default 10000)")
	fs.StringVar(&f.logOrigin, "log-origin", "", "name of the audit log in its checkpoints (env ATTEST_LOG_ORIGIN; default attest)")
	fs.StringVar(&f.checkpoint, "checkpoint-interval", "", "sign a checkpoint at least this often (env ATTEST_CHECKPOINT_INTERVAL; default 1m)")
	fs.StringVar(&f.logLevl, "log-level", "", "debug, info, warn or error (env ATTEST_LOG_LEVEL)")
	fs.BoolVar(&f.signinLink, "signin-link", false, "print a one-time admin sign-in link for the dashboard (printed anyway on a first start)")
	fs.StringSliceVar(&f.detections, "detections", nil, "folder of Sigma rules to run besides the built-in ones (repeatable; env ATTEST_DETECTIONS, comma-separated)")
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
		"db":                  func() { c.DB, c.DBFile = f.db, "" },
		"db-file":             func() { c.DB, c.DBFile = "", f.dbFile },
		"addr":                func() { c.Addr = f.addr },
		"metrics-addr":        func() { c.MetricsAddr = f.metricsAddr },
		"tls-cert":            func() { c.TLSCert = f.tlsCert },
		"tls-key":             func() { c.TLSKey = f.tlsKey },
		"max-body":            func() { c.MaxBody = f.maxBody },
		"max-events":          func() { c.MaxEvents = f.maxEvents },
		"log-origin":          func() { c.LogOrigin = f.logOrigin },
		"checkpoint-interval": func() { c.CheckpointInterval = f.checkpoint },
		"log-level":           func() { c.LogLevel = f.logLevl },
		"detections":          func() { c.Detections.Dirs = f.detections },
		"client-ca":           func() { c.ClientCA = f.clientCA },
		"admission":           func() { c.Admission.Enabled = f.admission },
		"admission-config":    func() { c.Admission.Config = f.admissionConfig },
	} {
		if fs.Changed(name) {
			set()
		}
	}
	if fs.Changed("db") && fs.Changed("db-file") {
		return c, errors.New("--db and --db-file: give one")
	}
	if c.DBFile != "" {
		dsn, err := readDBFile(c.DBFile)
		if err != nil {
			return c, err
		}
		c.DB = dsn
	}
	if err := c.Identities.Validate(); err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	if c.Web.OIDC != nil {
		if err := c.Web.OIDC.Validate(); err != nil {
			return c, fmt.Errorf("config %s: web: %w", path, err)
		}
	}
	c.SignInLink = f.signinLink
	return c, nil
}

// readDBFile reads the database setting from a file: its content with
// surrounding white space (a Secret's trailing newline) removed.
func readDBFile(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("database file: %w", err)
	}
	dsn := strings.TrimSpace(string(data))
	if dsn == "" {
		return "", fmt.Errorf("database file %s is empty: it should hold a SQLite path or a postgres:// URL", path)
	}
	if strings.ContainsAny(dsn, "\r\n") {
		return "", fmt.Errorf("database file %s holds more than one line: it should hold only a SQLite path or a postgres:// URL", path)
	}
	return dsn, nil
}

// envDB is the database of the commands besides serve when --db is not
// given: ATTEST_DB, else the content of the file ATTEST_DB_FILE names, else
// "" (the flag's default stands).
func envDB(getenv func(string) string) (string, error) {
	if v := getenv("ATTEST_DB"); v != "" {
		return v, nil
	}
	if f := getenv("ATTEST_DB_FILE"); f != "" {
		return readDBFile(f)
	}
	return "", nil
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
	attest.NotificationStore
	attest.SessionStore
	attest.EventCounter
	attest.AlertStore
	attest.EvalCursor
	attest.EvidenceStore
	attest.ControlStatusStore
	RevokeToken(ctx context.Context, id string, record *attest.Event) error
	Tokens(ctx context.Context) ([]*attest.Token, error)
	Ping(ctx context.Context) error
	KeyStore() auditlog.KeyStore
	Close() error
}

// detectWindow returns the correlation window kept in the store, shared by
// every process on the database.
func detectWindow(st store) detect.Window {
	switch db := st.(type) {
	case *sqlite.DB:
		return db.Window()
	case *postgres.DB:
		return db.Window()
	}
	return detect.NewMemoryWindow()
}

// openStore opens the store the DSN names: PostgreSQL for a postgres:// or
// postgresql:// URL, else a SQLite file.
func openStore(ctx context.Context, dsn string, logger *slog.Logger) (store, error) {
	switch {
	case isPostgresDSN(dsn):
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

// isPostgresDSN reports whether dsn names a PostgreSQL database rather
// than a SQLite file.
func isPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
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
			setup, err := buildNotifications(c, os.Getenv)
			if err != nil {
				return &exitError{code: exitInput, err: err}
			}
			return runServe(cmd.Context(), c, setup, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f.register(cmd.Flags())
	return cmd
}

// runServe serves until ctx is done (SIGINT or SIGTERM), then shuts down
// gracefully. notifySetup, when set, is the built notify configuration.
func runServe(ctx context.Context, c serveConfig, notifySetup *notify.Setup, stdout, stderr io.Writer) error {
	// The logger writes from the serving goroutines while runServe prints
	// the sign-in link; one lock keeps their lines whole on any writer.
	stderr = &lockedWriter{w: stderr}
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
	sessionTTL, err := time.ParseDuration(c.Web.SessionTTL)
	if err != nil || sessionTTL <= 0 {
		return &exitError{code: exitInput, err: fmt.Errorf("web session ttl %q: want a positive duration such as 12h", c.Web.SessionTTL)}
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

	dash := web.New(st, st, st)
	dash.Counter, dash.Log, dash.Identities = st, log, c.Identities
	dash.Alerts, dash.Evidence = st, st
	dash.OIDC, dash.URL, dash.SecureCookies, dash.SessionTTL = c.Web.OIDC, strings.TrimSuffix(c.Web.URL, "/"), c.Web.SecureCookies, sessionTTL
	dash.Logger = logger
	worker, err := newDetectionWorker(c.Detections, st, logger)
	if err != nil {
		stopPub()
		<-pubDone
		return err
	}

	srv := attesthttp.NewServer()
	srv.Addr, srv.MetricsAddr = c.Addr, c.MetricsAddr
	srv.TLSCert, srv.TLSKey = c.TLSCert, c.TLSKey
	srv.Events, srv.Tokens, srv.DB, srv.Evidence = st, st, st, st
	srv.Log, srv.LogKey = log, keys.VerifierKey
	srv.AfterAppend = func() { pub.Notify(); dash.Notify() }
	srv.Web = dash
	srv.Alerts = st
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
	// The statuses decode scans through the dashboard's cache of them.
	snap.Scans = dash.Scan
	srv.Controls = snap
	dash.Controls = snap
	snapDone := make(chan struct{})
	go func() {
		defer close(snapDone)
		snap.Run(pubCtx)
	}()
	notifications := startNotifications(ctx, st, notifySetup, srv, logger)
	workerCtx, stopWorker := context.WithCancel(context.WithoutCancel(ctx))
	workerDone := make(chan struct{})
	if worker != nil {
		dash.Detections = worker.Engine.Rules()
		worker.AfterRaise = notifications.afterRaise
		srv.AfterAppend = func() { pub.Notify(); dash.Notify(); worker.Notify() }
		srv.AfterIngest = worker.Stored
		srv.Collectors = append(srv.Collectors, worker)
		go func() {
			defer close(workerDone)
			worker.Run(workerCtx)
		}()
	} else {
		close(workerDone)
	}
	srv.Normalisers, srv.Generic = normalisers()
	srv.Identities = c.Identities
	srv.Logger = logger
	srv.MaxBodyBytes = maxBody
	srv.Limits.MaxRecords = c.MaxEvents
	if err := srv.Open(); err != nil {
		stopWorker()
		<-workerDone
		notifications.Close()
		stopPub()
		<-pubDone
		<-snapDone
		return err
	}
	logger.Info("attest serve started", "url", srv.URL(), "db", redactDSN(c.DB), "log_key", keys.VerifierKey)
	if err := printSignInLink(ctx, st, c, srv.URL(), stderr); err != nil {
		logger.Error("sign-in link", "err", err)
	}
	// The link's creation is an audit record appended outside the server's
	// ingest path: sign a checkpoint that covers it now.
	pub.Notify()

	<-ctx.Done()
	logger.Info("shutting down")
	err = srv.Close()
	// The worker stops between two claims or abandons one, which the next
	// start (or another replica) evaluates again once its lease ends.
	stopWorker()
	<-workerDone
	notifications.Close()
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

// printSignInLink prints a one-time admin sign-in link to stderr on a first
// start (nobody has ever signed in) or when --signin-link asks for one. The
// link is single use and expires after web.DefaultLinkTTL; its creation is
// an audit record by the operating-system user.
func printSignInLink(ctx context.Context, st store, c serveConfig, listening string, stderr io.Writer) error {
	if !c.SignInLink {
		signedIn, err := st.AnySession(ctx)
		if err != nil || signedIn {
			return err
		}
	}
	path, err := web.NewSignInLink(ctx, st, cliActor(), time.Now(), web.DefaultLinkTTL, rand.Reader)
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(c.Web.URL, "/")
	if base == "" {
		base = listening
	}
	fmt.Fprintf(stderr, "attest: sign in to the dashboard once as admin, within %s: %s%s\n", web.DefaultLinkTTL, base, path)
	return nil
}

// newDetectionWorker loads the built-in rules and those of the configured
// folders and returns the worker that evaluates stored events with them, or
// nil when detections are off. A folder that cannot be read stops the
// start; a rule that does not load is logged with its file:line and the
// others run.
func newDetectionWorker(c detectionsConfig, st store, logger *slog.Logger) (*alerting.Worker, error) {
	if !c.Enabled {
		logger.Info("detections are off")
		return nil, nil
	}
	windows, err := c.windows()
	if err != nil {
		return nil, &exitError{code: exitInput, err: err}
	}
	for _, dir := range c.Dirs {
		if fi, err := os.Stat(dir); err != nil {
			return nil, &exitError{code: exitInput, err: fmt.Errorf("detections: %w", err)}
		} else if !fi.IsDir() {
			return nil, &exitError{code: exitInput, err: fmt.Errorf("detections: %s is not a folder", dir)}
		}
	}
	set, problems := loadRules(c.Dirs)
	if set == nil {
		return nil, problems[0]
	}
	for _, p := range problems {
		logger.Error("detection rule not loaded", "err", errorText(p))
	}
	if err := checkRuleWindows(set, windows); err != nil {
		return nil, &exitError{code: exitInput, err: err}
	}
	engine := detect.NewEngine(set, detect.Options{Window: detectWindow(st), Logger: logger})
	w := alerting.NewWorker(engine, st, st, st)
	w.Windows, w.Logger = windows, logger
	logger.Info("detections on", "rules", len(set.Rules), "not_loaded", len(problems), "folders", c.Dirs)
	return w, nil
}

// checkRuleWindows refuses a grouping window set for a rule that is not
// loaded: a misspelt name would otherwise change nothing, silently.
func checkRuleWindows(set *detect.RuleSet, w alerting.Windows) error {
	var unknown []string
	for name := range w.Rules {
		if _, ok := set.Rule(name); !ok {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return fmt.Errorf("detections: rule_windows names rules that are not loaded: %s", strings.Join(unknown, ", "))
	}
	return nil
}

// lockedWriter serialises writes to w, which may not be safe for
// concurrent use (a bytes.Buffer, a pipe shared with other writers).
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
