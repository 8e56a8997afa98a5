// Package detect evaluates security events against detection rules written
// in Sigma (https://sigmahq.io), the rule language SOC teams share. It is
// pure: it reads events and returns matches; storing alerts, notifying and
// counting in a database belong to its callers. The clock and the
// correlation state are injected (Options.Now, Options.Window), so replaying
// stored history gives the matches live evaluation gave.
//
// # Rules
//
// ParseRules compiles the rules of one YAML file (several documents make
// several rules); LoadFS loads a folder; NewRuleSet links correlation rules
// to the rules they name. A rule that does not load is a *LoadError with
// file:line:col, and the others still load. Supported:
//
//   - field paths in dot notation over the raw record's JSON
//     (additionalEventData.MFAUsed, objectRef.resource), fanning out over
//     arrays; a key that holds dots itself (Falco's "proc.name") is found too;
//   - values compared without case unless |cased; wildcards * and ? with \*,
//     \? and \\ for the characters themselves; null (absent or JSON null);
//     numbers and booleans compared by their JSON text;
//   - modifiers contains, startswith, endswith, all, re (with i, m, s;
//     Go's RE2 syntax, so lookaround is refused at load), cidr, exists,
//     fieldref, gt, gte, lt, lte, base64, base64offset, windash, cased;
//   - keyword searches (a list of strings matched anywhere in the record);
//   - conditions with and, or, not, parentheses, "1 of", "any of", "all of"
//     a pattern or "them";
//   - correlation rules event_count, value_count, temporal and
//     temporal_ordered, over a timespan, grouped by fields.
//
// Refused with a reason: aggregations after "|" in a condition (the old
// form of correlations), the expand modifier (placeholders), the utf16
// modifiers, correlation aliases.
//
// logsource selects the events: product and service map to attest's
// sources (aws/cloudtrail to cloudtrail, kubernetes/audit to k8s-audit,
// falco to falco, github/audit and okta/okta to generic sources whose name
// starts with github or okta). A rule whose logsource selects no source is
// refused, so a rule is never loaded to sit silent.
//
// attest's own fields: tags "attest.controls.<framework>.<id>" (soc2,
// pci-dss-4.0) map a rule to controls; the custom field "response" says what
// to do first; "alert_window" (a timespan such as 30m) how long the rule's
// alerts gather repeats of one group, instead of the server's default.
//
// # Evaluation
//
// Rules are compiled once into matchers; an event's raw JSON is parsed once
// (valyala/fastjson, parsers pooled) and matched without allocating. Rules
// that need a field to equal one of some literals (eventName in nearly every
// CloudTrail rule) are indexed by those literals, so an event runs only the
// rules that can match it. An event whose record is not JSON raises nothing
// and is counted in Stats; the engine never stops on an event.
//
// # Built-in rules
//
// rules/<source>/<name>.yml, embedded (Builtin, LoadBuiltin), each with
// <name>.tests.yml beside it: records as the source sends them that must or
// must not raise a match. RunTests runs them; `attest detections test` and
// this package's tests use it.
package detect
