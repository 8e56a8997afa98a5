// Package severity maps the severity words and scores of vulnerability
// scanners onto attest's scale: critical, high, medium, low, info, or unknown.
package severity

import "strings"

// Levels of attest's scale.
const (
	Critical = "critical"
	High     = "high"
	Medium   = "medium"
	Low      = "low"
	Info     = "info"
	Unknown  = "unknown"
)

// Normalize maps a scanner's severity word onto attest's scale, ignoring
// case. "Negligible" (Grype, from Debian's "unimportant") and "unimportant"
// map to low: Trivy reports the same Debian verdict as LOW, and keeping them
// equal lets the merge compare scanners. "Informational", "none" and "note"
// map to info; "moderate" (GitHub) and "important" (Red Hat) to medium and
// high. Anything else, "untriaged" included, is unknown.
func Normalize(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "critical":
		return Critical
	case "high", "important":
		return High
	case "medium", "moderate":
		return Medium
	case "low", "negligible", "unimportant":
		return Low
	case "info", "informational", "none", "note":
		return Info
	}
	return Unknown
}

// FromScore maps a CVSS v3 base score onto the scale with the CVSS v3
// qualitative bands: 9.0 and above critical, 7.0 high, 4.0 medium, above 0
// low, 0 info. A negative score is unknown.
func FromScore(score float64) string {
	switch {
	case score < 0:
		return Unknown
	case score >= 9:
		return Critical
	case score >= 7:
		return High
	case score >= 4:
		return Medium
	case score > 0:
		return Low
	}
	return Info
}

var rank = map[string]int{Unknown: 0, Info: 1, Low: 2, Medium: 3, High: 4, Critical: 5}

// Max returns the more severe of two normalised severities.
func Max(a, b string) string {
	if rank[b] > rank[a] {
		return b
	}
	return a
}
