package attest

import (
	"cmp"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Severities, from most to least severe.
const (
	SeverityCritical = "critical"
	SeverityHigh     = "high"
	SeverityMedium   = "medium"
	SeverityLow      = "low"
	SeverityInfo     = "info"
)

// Severities lists the severities from most to least severe.
var Severities = []string{SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow, SeverityInfo}

// SeverityRank returns a number that grows with severity (info 1 through
// critical 5), or 0 for an unknown severity.
func SeverityRank(s string) int {
	i := slices.Index(Severities, s)
	if i < 0 {
		return 0
	}
	return len(Severities) - i
}

// Rule is a check with a stable id, the controls it supports and the resource
// types it reads.
type Rule struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Severity    string `json:"severity"`
	// Controls maps a framework id to the control ids the rule supports.
	Controls    map[string][]string `json:"controls"`
	Remediation string              `json:"remediation,omitempty"`
	// RemediationByFormat is the fix written for one input format
	// (attest.Format* → text), for a rule that reads resources of several.
	RemediationByFormat map[string]string `json:"remediation_by_format,omitempty"`
	ResourceTypes       []string          `json:"resource_types"`
	// Source is the file the rule was read from.
	Source string `json:"source,omitempty"`
}

// RemediationFor returns the remediation written for the input format of a
// finding, or the rule's general remediation when there is none.
func (r *Rule) RemediationFor(format string) string {
	if s := r.RemediationByFormat[format]; s != "" {
		return s
	}
	return r.Remediation
}

// Provider names what the rule is about, from the folder its file is in:
// rules/aws/s3.rego is an aws rule. A rule without a source has none.
func (r *Rule) Provider() string {
	if r.Source == "" {
		return ""
	}
	return path.Base(path.Dir(filepath.ToSlash(r.Source)))
}

// Formats names the input formats whose resource types the rule reads, in
// the order Terraform, CloudFormation, then the others by name:
// CloudFormation types are written Provider::Service::Resource, Terraform
// types provider_resource (Opta resources arrive as Terraform types),
// Kubernetes kinds are capitalised (Pod, ClusterRoleBinding).
func (r *Rule) Formats() []string {
	var out []string
	for _, t := range r.ResourceTypes {
		f := "other"
		switch {
		case t == "dockerfile":
			f = "Dockerfile"
		case t != "" && !strings.Contains(t, "::") && strings.ToUpper(t[:1]) == t[:1]:
			f = "Kubernetes"
		case strings.Contains(t, "::"):
			f = "CloudFormation"
		case strings.Contains(t, "_"):
			f = "Terraform"
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	rank := func(f string) int {
		switch f {
		case "Terraform":
			return 0
		case "CloudFormation":
			return 1
		}
		return 2
	}
	slices.SortFunc(out, func(a, b string) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return out
}
