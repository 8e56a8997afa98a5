package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/attest-dev/attest/admission"
	"github.com/attest-dev/attest/policy"
	"github.com/attest-dev/attest/scan"
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
