package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/attest-dev/attest/admission"
	"github.com/attest-dev/attest/policy"
	"github.com/attest-dev/attest/scan"
	"github.com/spf13/cobra"
)

// newAdmissionWebhook compiles the rules once and returns the webhook of
// attest serve over the store.
func newAdmissionWebhook(ctx context.Context, c admissionServeConfig, st store, logger *slog.Logger) (*admission.Webhook, error) {
	project := scan.DefaultConfig()
	if c.Config != "" {
		var err error
		if project, err = scan.LoadConfig(c.Config, false); err != nil {
			return nil, fmt.Errorf("admission config: %w", err)
		}
	}
	cfg := admission.Config{
		DefaultMode: c.DefaultMode,
		Namespaces:  c.Namespaces,
		FailOn:      project.FailOn,
		Exceptions:  project.Exceptions,
		ImageGate:   c.ImageGate == nil || *c.ImageGate,
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	engine, err := policy.Compile(ctx, policy.Options{
		Dirs:       project.Rules.Dirs,
		Only:       project.Rules.Only,
		Exclude:    project.Rules.Exclude,
		Frameworks: project.Frameworks,
	})
	if err != nil {
		return nil, fmt.Errorf("admission rules: %w", err)
	}
	w := &admission.Webhook{Engine: engine, Config: cfg, Events: st, Logger: logger}
	if cfg.ImageGate {
		ev, ok := st.(admission.Evidence)
		if !ok {
			return nil, fmt.Errorf("admission image gate: this store keeps no evidence; set admission.image_gate: false")
		}
		w.Evidence = ev
	}
	logger.Info("admission webhook enabled", "default_mode", cfg.Mode(""), "namespaces", len(cfg.Namespaces),
		"rules", len(engine.Rules()), "exceptions", len(cfg.Exceptions), "image_gate", cfg.ImageGate)
	return w, nil
}

func init() {
	commands = append(commands, newAdmissionCmd)
}

// admissionCertsParams are the inputs of attest admission certs.
type admissionCertsParams struct {
	DNS  []string
	Out  string
	Days int
	Now  time.Time
	Rand io.Reader
}

func newAdmissionCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "admission",
		Short: "Set up attest serve as a Kubernetes validating admission webhook",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return &exitError{code: exitInput, err: fmt.Errorf("name a subcommand (see '%s --help')", cmd.CommandPath())}
		},
	}
	p := admissionCertsParams{Days: 365}
	certs := &cobra.Command{
		Use:   "certs",
		Short: "Make a CA, the webhook's serving certificate and a client certificate for kube-apiserver",
		Long: `attest admission certs makes a certificate authority of its own and signs with it
the serving certificate of attest serve for the DNS names kube-apiserver dials
(the Service: NAME.NAMESPACE.svc) and a client certificate (CN kube-apiserver)
that kube-apiserver can present to authenticate itself. It writes ca.crt,
tls.crt, tls.key, client.crt and client.key into --out (keys 0600) and prints
the CA bundle, base64-encoded, for the caBundle of the
ValidatingWebhookConfiguration (the Helm chart's webhook.caBundle). The CA's key
is not kept: to renew, run it again and update the caBundle.

Serve with: attest serve --admission --tls-cert DIR/tls.crt --tls-key DIR/tls.key
            [--client-ca DIR/ca.crt]`,
		Example: `  attest admission certs --dns attest.attest.svc --out certs/
  kubectl -n attest create secret tls attest-tls --cert certs/tls.crt --key certs/tls.key`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p.Now, p.Rand = time.Now(), rand.Reader
			return runAdmissionCerts(p, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	certs.Flags().StringSliceVar(&p.DNS, "dns", nil, "DNS name (or IP) of the webhook's Service, such as attest.attest.svc; repeat or comma-separate for more (required)")
	certs.Flags().StringVar(&p.Out, "out", "", "folder to write the certificates and keys into (required)")
	certs.Flags().IntVar(&p.Days, "days", 365, "days the certificates are valid")
	certs.MarkFlagRequired("dns")
	certs.MarkFlagRequired("out")
	cmd.AddCommand(certs)
	return cmd
}

// runAdmissionCerts writes the certificates and prints the CA bundle.
func runAdmissionCerts(p admissionCertsParams, stdout, stderr io.Writer) error {
	if p.Days < 1 {
		return &exitError{code: exitInput, err: fmt.Errorf("--days %d: want at least 1", p.Days)}
	}
	c, err := admission.NewCerts(p.DNS, p.Now, time.Duration(p.Days)*24*time.Hour, p.Rand)
	if err != nil {
		return &exitError{code: exitInput, err: err}
	}
	if err := os.MkdirAll(p.Out, 0o755); err != nil {
		return &exitError{code: exitInput, err: err}
	}
	for _, f := range []struct {
		name string
		data []byte
		mode os.FileMode
	}{
		{"ca.crt", c.CA, 0o644}, {"tls.crt", c.ServerCert, 0o644}, {"tls.key", c.ServerKey, 0o600},
		{"client.crt", c.ClientCert, 0o644}, {"client.key", c.ClientKey, 0o600},
	} {
		path := filepath.Join(p.Out, f.name)
		// O_EXCL: never overwrite a key in place through a planted link.
		os.Remove(path)
		fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, f.mode)
		if err != nil {
			return &exitError{code: exitInput, err: err}
		}
		_, werr := fh.Write(f.data)
		if cerr := fh.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return fmt.Errorf("write %s: %w", path, werr)
		}
	}
	fmt.Fprintf(stderr, "wrote ca.crt, tls.crt, tls.key, client.crt, client.key to %s for %s, valid %d days\n", p.Out, strings.Join(p.DNS, ", "), p.Days)
	fmt.Fprintln(stderr, "caBundle for the ValidatingWebhookConfiguration (webhook.caBundle of the Helm chart):")
	fmt.Fprintln(stdout, base64.StdEncoding.EncodeToString(c.CA))
	return nil
}
