package severity_test

import (
	"testing"

	"github.com/attest-dev/attest/vuln/formats/severity"
)

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"CRITICAL": "critical", "High": "high", "important": "high", "MODERATE": "medium",
		"Negligible": "low", "unimportant": "low", "INFORMATIONAL": "info", "note": "info",
		"UNTRIAGED": "unknown", "": "unknown", " low ": "low",
	} {
		if got := severity.Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFromScore(t *testing.T) {
	for _, tc := range []struct {
		score float64
		want  string
	}{{9.8, "critical"}, {9.0, "critical"}, {7.0, "high"}, {6.9, "medium"}, {4.0, "medium"}, {0.1, "low"}, {0, "info"}, {-1, "unknown"}} {
		if got := severity.FromScore(tc.score); got != tc.want {
			t.Errorf("FromScore(%v) = %q, want %q", tc.score, got, tc.want)
		}
	}
}

func TestMax(t *testing.T) {
	if severity.Max("low", "high") != "high" || severity.Max("critical", "unknown") != "critical" || severity.Max("unknown", "info") != "info" {
		t.Error("Max does not order critical > high > medium > low > info > unknown")
	}
}
