package detect

import (
	"sort"
	"strings"
)

// sourceLogsources maps attest's event sources to the Sigma logsource that
// describes their records. Generic sources are named by their profile: a
// source whose name starts with "github" or "okta" carries GitHub or Okta
// records (see ingest/generic).
var sourceLogsources = map[string]Logsource{
	"cloudtrail": {Product: "aws", Service: "cloudtrail"},
	"k8s-audit":  {Product: "kubernetes", Service: "audit"},
	"falco":      {Product: "falco", Service: "alerts"},
	"github":     {Product: "github", Service: "audit"},
	"okta":       {Product: "okta", Service: "okta"},
}

// LogsourceOf returns the Sigma logsource of an attest event source, and
// whether it has one.
func LogsourceOf(source string) (Logsource, bool) {
	if ls, ok := sourceLogsources[source]; ok {
		return ls, true
	}
	switch low := strings.ToLower(source); {
	case strings.HasPrefix(low, "github"):
		return sourceLogsources["github"], true
	case strings.HasPrefix(low, "okta"):
		return sourceLogsources["okta"], true
	}
	return Logsource{}, false
}

// sourcesOf returns the attest sources whose records a rule's logsource
// selects: the product must match, and the service when the rule names one.
// A category is informative only (Sigma's cloud rules set product and
// service).
func sourcesOf(ls Logsource) []string {
	if ls.Product == "" {
		return nil
	}
	var out []string
	for src, have := range sourceLogsources {
		if !strings.EqualFold(ls.Product, have.Product) {
			continue
		}
		if ls.Service != "" && !strings.EqualFold(ls.Service, have.Service) {
			continue
		}
		out = append(out, src)
	}
	sort.Strings(out)
	return out
}

// sourceKey returns the key of a source in sourceLogsources.
func sourceKey(source string) string {
	if _, ok := sourceLogsources[source]; ok {
		return source
	}
	switch low := strings.ToLower(source); {
	case strings.HasPrefix(low, "github"):
		return "github"
	case strings.HasPrefix(low, "okta"):
		return "okta"
	}
	return source
}

func knownLogsources() string {
	var s []string
	for _, ls := range sourceLogsources {
		s = append(s, ls.Product+"/"+ls.Service)
	}
	sort.Strings(s)
	return strings.Join(s, ", ")
}
