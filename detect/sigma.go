package detect

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math"
	"net/netip"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fastjson"
	"go.yaml.in/yaml/v3"
)

// Severity levels, Sigma's own.
const (
	LevelInformational = "informational"
	LevelLow           = "low"
	LevelMedium        = "medium"
	LevelHigh          = "high"
	LevelCritical      = "critical"
)

// Logsource is the part of a rule's logsource that selects events.
type Logsource struct {
	Product  string `yaml:"product" json:"product,omitempty"`
	Service  string `yaml:"service" json:"service,omitempty"`
	Category string `yaml:"category" json:"category,omitempty"`
}

// Correlation types.
const (
	CorrelationEventCount      = "event_count"
	CorrelationValueCount      = "value_count"
	CorrelationTemporal        = "temporal"
	CorrelationTemporalOrdered = "temporal_ordered"
)

// Correlation is the correlation part of a Sigma correlation rule.
type Correlation struct {
	Type string
	// Rules are the names (or ids) of the rules it correlates, as written.
	Rules   []string
	GroupBy []string
	Window  time.Duration
	// Op and Count are the condition: gt, gte, lt, lte, eq, range not
	// supported. Field is the counted field of a value_count.
	Op    string
	Count float64
	Field string
	// Generate says whether the correlated rules raise matches of their
	// own too.
	Generate bool

	refs    []*Rule
	groupBy []fieldPath
	field   fieldPath
}

// Rule is one compiled Sigma rule: a detection rule, or a correlation rule
// over detection rules.
type Rule struct {
	ID          string
	Name        string
	Title       string
	Description string
	Status      string
	// Level is the Sigma level: informational, low, medium, high,
	// critical.
	Level     string
	Tags      []string
	Logsource Logsource
	// Controls maps a framework id (soc2, pci-dss-4.0) to the control ids
	// named by tags "attest.controls.<framework>.<id>".
	Controls map[string][]string
	// Response is what a responder should do first (the custom field
	// "response").
	Response string
	// AlertWindow, when set (the custom field "alert_window", a Sigma
	// timespan such as 30m or 1d), is how long the rule's alerts gather
	// repeats of the same group before a new alert opens; the server's
	// default (1h) otherwise.
	AlertWindow time.Duration
	// File and Line locate the rule's first line.
	File string
	Line int
	// Correlation is set for a correlation rule.
	Correlation *Correlation

	cond       node
	usedBy     []*Rule // correlations that reference this rule
	suppressed bool    // referenced by a correlation that does not generate
	sources    []string
}

// Key returns the rule's name, else its id, else its title: what alerts and
// counters are keyed on (names read better than UUIDs).
func (r *Rule) Key() string {
	switch {
	case r.Name != "":
		return r.Name
	case r.ID != "":
		return r.ID
	}
	return r.Title
}

// Sources returns the attest event sources the rule reads.
func (r *Rule) Sources() []string { return r.sources }

// match evaluates a detection rule on one parsed event.
func (r *Rule) match(d *doc) bool { return r.cond.eval(d) }

// LoadError is a rule that cannot be loaded, with the file and line of the
// problem.
type LoadError struct {
	File   string
	Line   int
	Column int
	Reason string
}

func (e *LoadError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Reason)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Reason)
}

// errAt is a load error at a YAML node, completed with the file name by
// ParseRules.
func errAt(n *yaml.Node, format string, args ...any) *LoadError {
	e := &LoadError{Reason: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	return e
}

// maxRuleBytes bounds one rule file.
const maxRuleBytes = 1 << 20

// ParseRules parses the Sigma rules of one YAML file (several documents
// separated by "---" make several rules). It returns the rules that parsed
// and one *LoadError for each that did not. Correlation rules come back
// unresolved: a RuleSet links them to the rules they name.
func ParseRules(file string, data []byte) ([]*Rule, []error) {
	if len(data) > maxRuleBytes {
		return nil, []error{&LoadError{File: file, Reason: fmt.Sprintf("file is larger than %d bytes", maxRuleBytes)}}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var rules []*Rule
	var errs []error
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs = append(errs, &LoadError{File: file, Reason: yamlReason(err), Line: yamlLine(err)})
			break
		}
		if len(n.Content) == 0 || (n.Content[0].Kind == yaml.ScalarNode && n.Content[0].Tag == "!!null") {
			continue
		}
		r, err := parseRule(n.Content[0])
		if err != nil {
			var le *LoadError
			if errors.As(err, &le) {
				le.File = file
			}
			errs = append(errs, err)
			continue
		}
		r.File = file
		rules = append(rules, r)
	}
	return rules, errs
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

func yamlLine(err error) int {
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

func yamlReason(err error) string {
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

// mapping returns the key and value nodes of a mapping node in order.
func mapping(n *yaml.Node) ([][2]*yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		return nil, errAt(n, "expected a mapping, found %s", kindName(n))
	}
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return out, nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	return "a scalar"
}

func scalar(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", errAt(n, "%s: expected a scalar, found %s", what, kindName(n))
	}
	return n.Value, nil
}

func stringList(n *yaml.Node, what string) ([]string, error) {
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, errAt(n, "%s: expected a list, found %s", what, kindName(n))
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		s, err := scalar(c, what)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

var levels = map[string]bool{LevelInformational: true, LevelLow: true, LevelMedium: true, LevelHigh: true, LevelCritical: true}

func parseRule(n *yaml.Node) (*Rule, error) {
	kvs, err := mapping(n)
	if err != nil {
		return nil, err
	}
	r := &Rule{Line: n.Line}
	var detection, correlation, condAt *yaml.Node
	for _, kv := range kvs {
		k, v := kv[0], kv[1]
		var err error
		switch k.Value {
		case "title":
			r.Title, err = scalar(v, "title")
		case "id":
			r.ID, err = scalar(v, "id")
		case "name":
			r.Name, err = scalar(v, "name")
		case "status":
			r.Status, err = scalar(v, "status")
		case "description":
			r.Description, err = scalar(v, "description")
		case "level":
			r.Level, err = scalar(v, "level")
			if err == nil && !levels[r.Level] {
				err = errAt(v, "level %q is not one of informational, low, medium, high, critical", r.Level)
			}
		case "tags":
			r.Tags, err = stringList(v, "tags")
		case "response":
			r.Response, err = scalar(v, "response")
		case "alert_window":
			var span string
			if span, err = scalar(v, "alert_window"); err == nil {
				if r.AlertWindow, err = parseTimespan(span); err != nil || r.AlertWindow <= 0 {
					err = errAt(v, "alert_window %q: want a positive timespan such as 30m, 2h or 1d", span)
				}
			}
		case "logsource":
			err = v.Decode(&r.Logsource)
			if err != nil {
				err = errAt(v, "logsource: %s", yamlReason(err))
			}
		case "detection":
			detection = v
			condAt = k
		case "correlation":
			correlation = v
		}
		if err != nil {
			return nil, err
		}
	}
	if r.Title == "" {
		return nil, errAt(n, "rule has no title")
	}
	r.Controls = controlsOf(r.Tags)
	switch {
	case detection != nil && correlation != nil:
		return nil, errAt(n, "rule has both detection and correlation")
	case correlation != nil:
		c, err := parseCorrelation(correlation)
		if err != nil {
			return nil, err
		}
		r.Correlation = c
		return r, nil
	case detection == nil:
		return nil, errAt(n, "rule has neither detection nor correlation")
	}
	r.sources = sourcesOf(r.Logsource)
	if len(r.sources) == 0 {
		return nil, errAt(n, "logsource (product %q, service %q, category %q) selects none of attest's event sources (%s)",
			r.Logsource.Product, r.Logsource.Service, r.Logsource.Category, knownLogsources())
	}
	cond, err := parseDetection(detection)
	if err != nil {
		return nil, err
	}
	_ = condAt
	r.cond = cond
	return r, nil
}

// controlsOf reads "attest.controls.<framework>.<id>" tags.
func controlsOf(tags []string) map[string][]string {
	var out map[string][]string
	for _, t := range tags {
		rest, ok := strings.CutPrefix(strings.ToLower(t), "attest.controls.")
		if !ok {
			continue
		}
		orig := t[len(t)-len(rest):]
		for _, fw := range []string{"pci-dss-4.0", "soc2"} {
			id, ok := strings.CutPrefix(rest, fw+".")
			if !ok || id == "" {
				continue
			}
			id = orig[len(orig)-len(id):]
			if fw == "soc2" {
				id = strings.ToUpper(id)
			}
			if out == nil {
				out = map[string][]string{}
			}
			out[fw] = append(out[fw], id)
		}
	}
	return out
}

func parseCorrelation(n *yaml.Node) (*Correlation, error) {
	kvs, err := mapping(n)
	if err != nil {
		return nil, err
	}
	c := &Correlation{}
	var condNode *yaml.Node
	for _, kv := range kvs {
		k, v := kv[0], kv[1]
		var err error
		switch k.Value {
		case "type":
			c.Type, err = scalar(v, "correlation type")
		case "rules":
			c.Rules, err = stringList(v, "correlation rules")
		case "group-by":
			c.GroupBy, err = stringList(v, "group-by")
		case "timespan", "timeframe":
			var s string
			if s, err = scalar(v, "timespan"); err == nil {
				c.Window, err = parseTimespan(s)
				if err != nil {
					err = errAt(v, "timespan %q: %v", s, err)
				}
			}
		case "condition":
			condNode = v
		case "generate":
			err = v.Decode(&c.Generate)
		case "aliases":
			err = errAt(k, "correlation aliases are not supported")
		default:
			err = errAt(k, "unknown correlation field %q", k.Value)
		}
		if err != nil {
			return nil, err
		}
	}
	switch c.Type {
	case CorrelationEventCount, CorrelationValueCount, CorrelationTemporal, CorrelationTemporalOrdered:
	case "":
		return nil, errAt(n, "correlation has no type")
	default:
		return nil, errAt(n, "correlation type %q is not one of event_count, value_count, temporal, temporal_ordered", c.Type)
	}
	if len(c.Rules) == 0 {
		return nil, errAt(n, "correlation names no rules")
	}
	if c.Window <= 0 {
		return nil, errAt(n, "correlation has no timespan")
	}
	if condNode == nil {
		if c.Type == CorrelationEventCount || c.Type == CorrelationValueCount {
			return nil, errAt(n, "%s correlation has no condition", c.Type)
		}
		c.Op, c.Count = "gte", float64(len(c.Rules))
	} else {
		ckvs, err := mapping(condNode)
		if err != nil {
			return nil, err
		}
		for _, kv := range ckvs {
			k, v := kv[0], kv[1]
			switch k.Value {
			case "gt", "gte", "lt", "lte", "eq":
				if c.Op != "" {
					return nil, errAt(k, "correlation condition has more than one comparison")
				}
				c.Op = k.Value
				if err := v.Decode(&c.Count); err != nil {
					return nil, errAt(v, "condition %s: expected a number", k.Value)
				}
			case "field":
				if c.Field, err = scalar(v, "condition field"); err != nil {
					return nil, err
				}
			default:
				return nil, errAt(k, "correlation condition %q is not supported (gt, gte, lt, lte, eq, field)", k.Value)
			}
		}
		if c.Op == "" {
			return nil, errAt(condNode, "correlation condition has no comparison")
		}
	}
	if c.Type == CorrelationValueCount && c.Field == "" {
		return nil, errAt(n, "value_count correlation needs condition.field")
	}
	for _, g := range c.GroupBy {
		c.groupBy = append(c.groupBy, newFieldPath(g))
	}
	if c.Field != "" {
		c.field = newFieldPath(c.Field)
	}
	return c, nil
}

// parseTimespan reads Sigma's timespans: a number and one of s, m, h, d
// (and Go's durations).
func parseTimespan(s string) (time.Duration, error) {
	if s == "" {
		return 0, errors.New("empty")
	}
	unit := s[len(s)-1]
	n, err := strconv.Atoi(s[:len(s)-1])
	if err == nil && n > 0 {
		switch unit {
		case 's':
			return time.Duration(n) * time.Second, nil
		case 'm':
			return time.Duration(n) * time.Minute, nil
		case 'h':
			return time.Duration(n) * time.Hour, nil
		case 'd':
			return time.Duration(n) * 24 * time.Hour, nil
		case 'w':
			return time.Duration(n) * 7 * 24 * time.Hour, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, errors.New("expected a positive number followed by s, m, h or d")
	}
	return d, nil
}

// search is one named detection (a "selection" or "filter").
type search struct {
	name string
	node node
}

func parseDetection(n *yaml.Node) (node, error) {
	kvs, err := mapping(n)
	if err != nil {
		return nil, err
	}
	var searches []search
	var conds []string
	var condNode *yaml.Node
	for _, kv := range kvs {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "condition":
			condNode = v
			if conds, err = stringList(v, "condition"); err != nil {
				return nil, err
			}
		case "timeframe":
			// Only meaningful with an aggregation, which the condition
			// parser refuses.
		default:
			s, err := parseSearch(v)
			if err != nil {
				return nil, err
			}
			searches = append(searches, search{name: k.Value, node: s})
		}
	}
	if condNode == nil || len(conds) == 0 {
		return nil, errAt(n, "detection has no condition")
	}
	var alts []node
	for _, c := range conds {
		cn, err := parseCondition(c, searches)
		if err != nil {
			return nil, errAt(condNode, "condition %q: %v", c, err)
		}
		alts = append(alts, cn)
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return orNode(alts), nil
}

// parseSearch compiles one search: a mapping of fields (all must match), a
// list of mappings (any must match), or keywords.
func parseSearch(n *yaml.Node) (node, error) {
	switch n.Kind {
	case yaml.MappingNode:
		return parseFieldMap(n)
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			return nil, errAt(n, "empty search")
		}
		if n.Content[0].Kind == yaml.MappingNode {
			var alts []node
			for _, c := range n.Content {
				if c.Kind != yaml.MappingNode {
					return nil, errAt(c, "a list of field maps mixes in %s", kindName(c))
				}
				m, err := parseFieldMap(c)
				if err != nil {
					return nil, err
				}
				alts = append(alts, m)
			}
			return orNode(alts), nil
		}
		var alts []node
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, errAt(c, "keyword list holds %s", kindName(c))
			}
			k, err := keyword(c)
			if err != nil {
				return nil, err
			}
			alts = append(alts, k)
		}
		return orNode(alts), nil
	case yaml.ScalarNode:
		return keyword(n)
	}
	return nil, errAt(n, "search is %s", kindName(n))
}

func keyword(n *yaml.Node) (node, error) {
	m, err := compileValue(n.Value, []string{"contains"}, n)
	if err != nil {
		return nil, err
	}
	return &keywordNode{alts: m}, nil
}

func parseFieldMap(n *yaml.Node) (node, error) {
	kvs, err := mapping(n)
	if err != nil {
		return nil, err
	}
	if len(kvs) == 0 {
		return nil, errAt(n, "empty field map")
	}
	var all andNode
	for _, kv := range kvs {
		f, err := parseField(kv[0], kv[1])
		if err != nil {
			return nil, err
		}
		all = append(all, f)
	}
	if len(all) == 1 {
		return all[0], nil
	}
	return all, nil
}

// parseField compiles "field|modifier|...: value or list".
func parseField(k, v *yaml.Node) (node, error) {
	parts := strings.Split(k.Value, "|")
	name, mods := parts[0], parts[1:]
	if name == "" {
		// "|all" keyword lists and the like.
		return nil, errAt(k, "a search key without a field name (%q) is not supported", k.Value)
	}
	f := &fieldNode{path: newFieldPath(name)}
	var rest []string
	for _, m := range mods {
		switch m {
		case "all":
			f.all = true
		case "exists":
			f.exists = true
		default:
			rest = append(rest, m)
		}
	}
	var values []*yaml.Node
	switch v.Kind {
	case yaml.ScalarNode:
		values = []*yaml.Node{v}
	case yaml.SequenceNode:
		values = v.Content
		if len(values) == 0 {
			return nil, errAt(v, "field %s: empty list of values", name)
		}
	default:
		return nil, errAt(v, "field %s: value is %s", name, kindName(v))
	}
	if f.exists {
		if len(rest) > 0 || len(values) != 1 {
			return nil, errAt(k, "field %s: exists takes one true or false and no other modifier", name)
		}
		var b bool
		if err := values[0].Decode(&b); err != nil {
			return nil, errAt(values[0], "field %s: exists takes true or false", name)
		}
		f.want = b
		return f, nil
	}
	for _, val := range values {
		if val.Kind != yaml.ScalarNode {
			return nil, errAt(val, "field %s: value is %s", name, kindName(val))
		}
		if val.Tag == "!!null" {
			if len(rest) > 0 {
				return nil, errAt(val, "field %s: null takes no modifier", name)
			}
			f.values = append(f.values, nil)
			continue
		}
		alts, err := compileValue(val.Value, rest, val)
		if err != nil {
			return nil, errAt(val, "field %s: %s", name, err.(*LoadError).Reason)
		}
		f.values = append(f.values, alts)
	}
	return f, nil
}

// compileValue compiles one rule value with its modifiers into alternative
// matchers (windash and base64offset give several).
func compileValue(raw string, mods []string, at *yaml.Node) ([]*valueMatcher, error) {
	var (
		match                                   string // contains, startswith, endswith
		cased, isRe, isCIDR, isRef, b64, b64off bool
		windash                                 bool
		cmp                                     string
		reFlags                                 string
	)
	for _, m := range mods {
		switch m {
		case "contains", "startswith", "endswith":
			if match != "" {
				return nil, errAt(at, "modifiers %s and %s together", match, m)
			}
			match = m
		case "cased":
			cased = true
		case "re":
			isRe = true
		case "i", "m", "s":
			reFlags += m
		case "cidr":
			isCIDR = true
		case "fieldref":
			isRef = true
		case "base64":
			b64 = true
		case "base64offset":
			b64off = true
		case "windash":
			windash = true
		case "gt", "gte", "lt", "lte":
			cmp = m
		case "expand":
			return nil, errAt(at, "modifier expand (placeholders) is not supported")
		case "utf16", "utf16le", "utf16be", "wide":
			return nil, errAt(at, "modifier %s is not supported: events are JSON text", m)
		default:
			return nil, errAt(at, "unknown modifier %q", m)
		}
	}
	if reFlags != "" && !isRe {
		return nil, errAt(at, "modifiers i, m, s need re")
	}
	switch {
	case isRe:
		if match != "" || b64 || b64off || isCIDR || cmp != "" {
			return nil, errAt(at, "re takes no modifier other than i, m, s")
		}
		expr := raw
		if reFlags != "" {
			expr = "(?" + reFlags + ")" + raw
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return nil, errAt(at, "regular expression: %v", err)
		}
		return []*valueMatcher{{op: opRe, re: re, s: requiredLiteral(expr)}}, nil
	case isCIDR:
		p, err := netip.ParsePrefix(raw)
		if err != nil {
			return nil, errAt(at, "cidr: %v", err)
		}
		return []*valueMatcher{{op: opCIDR, cidr: p.Masked()}}, nil
	case cmp != "":
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.IsNaN(f) {
			return nil, errAt(at, "%s needs a number, found %q", cmp, raw)
		}
		op := map[string]int{"gt": opGT, "gte": opGTE, "lt": opLT, "lte": opLTE}[cmp]
		return []*valueMatcher{{op: op, num: f}}, nil
	case isRef:
		if match != "" || b64 || b64off {
			return nil, errAt(at, "fieldref takes no modifier other than cased")
		}
		p := newFieldPath(raw)
		return []*valueMatcher{{op: opFieldref, ref: &p, cased: cased}}, nil
	}
	toks := parseWildcards(raw)
	var variants [][]globTok
	switch {
	case b64 || b64off:
		lit, ok := literalOf(toks)
		if !ok {
			return nil, errAt(at, "base64 needs a value without wildcards")
		}
		if b64 {
			variants = append(variants, []globTok{{kind: 'l', lit: base64.StdEncoding.EncodeToString([]byte(lit))}})
		} else {
			for _, s := range base64Offsets(lit) {
				variants = append(variants, []globTok{{kind: 'l', lit: s}})
			}
		}
		cased = true // base64 text is case-sensitive
	case windash:
		variants = windashVariants(toks)
	default:
		variants = [][]globTok{toks}
	}
	var out []*valueMatcher
	for _, v := range variants {
		switch match {
		case "contains":
			v = append(append([]globTok{{kind: '*'}}, v...), globTok{kind: '*'})
		case "startswith":
			v = append(v, globTok{kind: '*'})
		case "endswith":
			v = append([]globTok{{kind: '*'}}, v...)
		}
		out = append(out, newStringMatcher(v, cased))
	}
	return out, nil
}

// requiredLiteral returns a case-sensitive literal that every match of the
// regular expression contains (the longest literal of a top-level
// concatenation), so that the matcher can skip the expression on values
// without it. It returns "" when there is none.
func requiredLiteral(expr string) string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return ""
	}
	re = re.Simplify()
	lit := func(r *syntax.Regexp) string {
		if r.Op == syntax.OpLiteral && r.Flags&syntax.FoldCase == 0 {
			return string(r.Rune)
		}
		return ""
	}
	if re.Op != syntax.OpConcat {
		return lit(re)
	}
	best := ""
	for _, sub := range re.Sub {
		if l := lit(sub); len(l) > len(best) {
			best = l
		}
	}
	return best
}

// parseWildcards splits a Sigma value into literals and wildcards: '*' and
// '?' are wildcards, "\*", "\?" and "\\" are the characters themselves, and
// a backslash before anything else is a backslash.
func parseWildcards(s string) []globTok {
	var toks []globTok
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			toks = append(toks, globTok{kind: 'l', lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && (s[i+1] == '*' || s[i+1] == '?' || s[i+1] == '\\'):
			lit.WriteByte(s[i+1])
			i++
		case c == '*':
			flush()
			if len(toks) == 0 || toks[len(toks)-1].kind != '*' {
				toks = append(toks, globTok{kind: '*'})
			}
		case c == '?':
			flush()
			toks = append(toks, globTok{kind: '?'})
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	return toks
}

func literalOf(toks []globTok) (string, bool) {
	switch {
	case len(toks) == 0:
		return "", true
	case len(toks) == 1 && toks[0].kind == 'l':
		return toks[0].lit, true
	}
	return "", false
}

// base64Offsets returns the three encodings of s at the three offsets it
// can start at within a longer base64 text, with the characters that depend
// on the unknown neighbours cut off (Sigma's base64offset).
func base64Offsets(s string) []string {
	start := []int{0, 2, 3}
	end := []int{0, -3, -2}
	var out []string
	for i := 0; i < 3; i++ {
		enc := base64.StdEncoding.EncodeToString(append(bytes.Repeat([]byte{' '}, i), s...))
		e := len(enc)
		if r := (len(s) + i) % 3; r != 0 {
			e += end[r]
		}
		if start[i] > e {
			continue
		}
		out = append(out, enc[start[i]:e])
	}
	return out
}

// windashVariants gives a value with each leading '-' of an option also
// written as '/', en dash, em dash and horizontal bar (Sigma's windash).
func windashVariants(toks []globTok) [][]globTok {
	var out [][]globTok
	for _, dash := range []string{"-", "/", "\u2013", "\u2014", "\u2015"} {
		v := make([]globTok, len(toks))
		for i, t := range toks {
			if t.kind == 'l' {
				t.lit = replaceOptionDashes(t.lit, dash)
			}
			v[i] = t
		}
		out = append(out, v)
	}
	return out
}

func replaceOptionDashes(s, dash string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '-' && (i == 0 || s[i-1] == ' ') {
			b.WriteString(dash)
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// newStringMatcher picks the cheapest operation for a pattern.
func newStringMatcher(toks []globTok, cased bool) *valueMatcher {
	if !cased {
		for i := range toks {
			toks[i].lit = strings.ToLower(toks[i].lit)
		}
	}
	m := &valueMatcher{cased: cased}
	star := func(i int) bool { return toks[i].kind == '*' }
	lit := func(i int) bool { return toks[i].kind == 'l' }
	switch n := len(toks); {
	case n == 0:
		m.op = opEq
	case n == 1 && lit(0):
		m.op, m.s = opEq, toks[0].lit
	case n == 2 && lit(0) && star(1):
		m.op, m.s = opPrefix, toks[0].lit
	case n == 2 && star(0) && lit(1):
		m.op, m.s = opSuffix, toks[1].lit
	case n == 3 && star(0) && lit(1) && star(2):
		m.op, m.s = opContains, toks[1].lit
	case n == 1 && star(0):
		m.op, m.s = opPrefix, ""
	default:
		m.op, m.glob = opGlob, toks
	}
	return m
}

// node is a compiled condition.
type node interface{ eval(d *doc) bool }

type andNode []node

func (a andNode) eval(d *doc) bool {
	for _, n := range a {
		if !n.eval(d) {
			return false
		}
	}
	return true
}

type orNode []node

func (o orNode) eval(d *doc) bool {
	for _, n := range o {
		if n.eval(d) {
			return true
		}
	}
	return false
}

type notNode struct{ n node }

func (n notNode) eval(d *doc) bool { return !n.n.eval(d) }

// fieldNode matches one field. values holds, per rule value, the
// alternative matchers of that value; nil stands for null (absent or JSON
// null). Any value must match, or every value with all.
type fieldNode struct {
	path   fieldPath
	values [][]*valueMatcher
	all    bool
	exists bool
	want   bool // for exists
}

func (f *fieldNode) eval(d *doc) bool {
	if f.exists {
		found := false
		f.path.visit(d.root, 0, &found, func(*fastjson.Value) bool { return true })
		return found == f.want
	}
	for _, alts := range f.values {
		ok := f.matchValue(d, alts)
		if f.all && !ok {
			return false
		}
		if !f.all && ok {
			return true
		}
	}
	return f.all
}

func (f *fieldNode) matchValue(d *doc, alts []*valueMatcher) bool {
	found := false
	if alts == nil {
		isNull := false
		f.path.visit(d.root, 0, &found, func(v *fastjson.Value) bool {
			isNull = v.Type() == fastjson.TypeNull
			return isNull
		})
		return !found || isNull
	}
	return f.path.visit(d.root, 0, &found, func(v *fastjson.Value) bool {
		for _, m := range alts {
			if m.match(d, v) {
				return true
			}
		}
		return false
	})
}

// keywordNode matches when any string anywhere in the event matches.
type keywordNode struct{ alts []*valueMatcher }

func (k *keywordNode) eval(d *doc) bool { return k.walk(d, d.root) }

func (k *keywordNode) walk(d *doc, v *fastjson.Value) bool {
	switch v.Type() {
	case fastjson.TypeObject:
		o, _ := v.Object()
		hit := false
		o.Visit(func(_ []byte, c *fastjson.Value) {
			if !hit && k.walk(d, c) {
				hit = true
			}
		})
		return hit
	case fastjson.TypeArray:
		a, _ := v.Array()
		for _, c := range a {
			if k.walk(d, c) {
				return true
			}
		}
		return false
	case fastjson.TypeString:
		for _, m := range k.alts {
			if m.match(d, v) {
				return true
			}
		}
	}
	return false
}
