package scan

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/report"
	"go.yaml.in/yaml/v3"
)

// ConfigFile is the name of the project configuration read from the scanned
// root.
const ConfigFile = ".attest.yaml"

// Config is the project configuration of a scan: what to check, how strictly,
// and which risks are accepted.
type Config struct {
	// Frameworks select rules and group the summary by control.
	Frameworks []string `yaml:"frameworks"`
	// FailOn is the lowest severity whose failures make the scan fail.
	FailOn string `yaml:"fail_on"`
	Rules  struct {
		Only    []string `yaml:"only"`
		Exclude []string `yaml:"exclude"`
		// Dirs are folders of user rules, relative to the config file.
		Dirs []string `yaml:"dirs"`
	} `yaml:"rules"`
	// Variables are Terraform variable values for every root module.
	Variables map[string]string `yaml:"variables"`
	// VarFiles are Terraform variable files, relative to the config file.
	VarFiles []string `yaml:"var_files"`
	// Strict makes coverage gaps (input that could not be fully checked,
	// such as a module terraform init has not downloaded) exit 2 like
	// input errors.
	Strict bool `yaml:"strict"`
	// Limits bound the values Terraform expressions may build; zero or
	// absent fields keep the defaults of terraform.Limits.
	Limits Limits `yaml:"limits"`
	// Exceptions is the register of accepted risks.
	Exceptions []attest.Exception `yaml:"-"`
	// Path is the file the configuration was read from, if any.
	Path string `yaml:"-"`
}

// Limits are the `limits` section of the config file: bounds on what a
// Terraform expression may build (see terraform.Limits). A scanned
// repository may lower or raise them; a breach is an input error at the
// expression.
type Limits struct {
	MaxStringLength     int `yaml:"max_string_length"`
	MaxCollectionLength int `yaml:"max_collection_length"`
	MaxProductSize      int `yaml:"max_product_size"`
	MaxIterations       int `yaml:"max_iterations"`
	MaxValueBytes       int `yaml:"max_value_bytes"`
}

// DefaultConfig returns the configuration of a scan with no config file: every
// built-in rule, failing on high and critical findings.
func DefaultConfig() Config {
	return Config{FailOn: attest.SeverityHigh}
}

// exceptionYAML is an exception as written in the config file.
type exceptionYAML struct {
	Rule          string `yaml:"rule"`
	Resource      string `yaml:"resource"`
	Justification string `yaml:"justification"`
	Owner         string `yaml:"owner"`
	Expires       string `yaml:"expires"`
	Ticket        string `yaml:"ticket"`
}

// LoadConfig reads the config file at path over the defaults. A missing file
// is not an error when optional is true.
func LoadConfig(path string, optional bool) (Config, error) {
	cfg := DefaultConfig()
	// Only a regular file: opening a FIFO would block the scan.
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return cfg, attest.Errorf(attest.EINVALID, "read config: %s is not a regular file", path)
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && optional {
		return cfg, nil
	} else if err != nil {
		return cfg, attest.Errorf(attest.EINVALID, "read config: %v", err)
	}
	cfg.Path = path
	if len(bytes.TrimSpace(data)) == 0 {
		return cfg, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return cfg, attest.Errorf(attest.EINVALID, "%s: %v", path, err)
	}
	if err := checkKeys(path, &doc); err != nil {
		return cfg, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var raw struct {
		Config     `yaml:",inline"`
		Exceptions []yaml.Node `yaml:"exceptions"`
		// Vulns belongs to `attest vulns`; scan leaves it alone.
		Vulns yaml.Node `yaml:"vulns"`
	}
	raw.Config = cfg
	if err := dec.Decode(&raw); err != nil {
		return cfg, attest.Errorf(attest.EINVALID, "%s: %v", path, err)
	}
	cfg = raw.Config
	cfg.Path = path
	dir := filepath.Dir(path)
	for i, d := range cfg.Rules.Dirs {
		if !filepath.IsAbs(d) {
			cfg.Rules.Dirs[i] = filepath.Join(dir, d)
		}
	}
	for i, f := range cfg.VarFiles {
		if !filepath.IsAbs(f) {
			cfg.VarFiles[i] = filepath.Join(dir, f)
		}
	}
	if cfg.FailOn != "" && cfg.FailOn != report.FailOnNone && attest.SeverityRank(cfg.FailOn) == 0 {
		return cfg, attest.Errorf(attest.EINVALID, "%s: fail_on %q is not a severity", path, cfg.FailOn)
	}
	for _, l := range []struct {
		name string
		v    int
	}{
		{"max_string_length", cfg.Limits.MaxStringLength}, {"max_collection_length", cfg.Limits.MaxCollectionLength},
		{"max_product_size", cfg.Limits.MaxProductSize}, {"max_iterations", cfg.Limits.MaxIterations},
		{"max_value_bytes", cfg.Limits.MaxValueBytes},
	} {
		if l.v < 0 {
			return cfg, attest.Errorf(attest.EINVALID, "%s: limits.%s is %d; want a positive number, or leave it out for the default", path, l.name, l.v)
		}
	}
	for _, fw := range cfg.Frameworks {
		if fw != attest.FrameworkSOC2 && fw != attest.FrameworkPCIDSS {
			return cfg, attest.Errorf(attest.EINVALID, "%s: unknown framework %q (known: %s, %s)", path, fw, attest.FrameworkSOC2, attest.FrameworkPCIDSS)
		}
	}
	var problems []string
	for _, n := range raw.Exceptions {
		e, err := parseException(path, &n)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		cfg.Exceptions = append(cfg.Exceptions, e)
	}
	if len(problems) > 0 {
		return cfg, attest.Errorf(attest.EINVALID, "%s", strings.Join(problems, "\n"))
	}
	return cfg, nil
}

// parseException checks one register entry: every exception needs a rule, a
// justification, an owner and an expiry date.
func parseException(path string, n *yaml.Node) (attest.Exception, error) {
	at := attest.Pos{File: path, Line: n.Line, Column: n.Column}
	var y exceptionYAML
	if err := n.Decode(&y); err != nil {
		return attest.Exception{}, fmt.Errorf("%s: exception: %v", at, err)
	}
	var missing []string
	if y.Rule == "" {
		missing = append(missing, "rule")
	}
	if y.Justification == "" {
		missing = append(missing, "justification")
	}
	if y.Owner == "" {
		missing = append(missing, "owner")
	}
	if y.Expires == "" {
		missing = append(missing, "expires")
	}
	if len(missing) > 0 {
		return attest.Exception{}, fmt.Errorf("%s: exception needs %s", at, joinWords(missing))
	}
	expires, err := time.Parse(time.DateOnly, y.Expires)
	if err != nil {
		return attest.Exception{}, fmt.Errorf("%s: exception expires %q: want a date as YYYY-MM-DD", at, y.Expires)
	}
	if y.Resource == "" {
		y.Resource = "*"
	}
	return attest.Exception{
		RuleID:        y.Rule,
		Resource:      y.Resource,
		Justification: y.Justification,
		Owner:         y.Owner,
		// The date as written; Expired lets it hold through that day.
		Expires: expires,
		Ticket:  y.Ticket,
		Source:  at,
	}, nil
}

// configDoc is the shape of the config file, for checkKeys: the Config
// fields with their yaml keys, the exceptions register, and the vulns
// section, which belongs to `attest vulns` (it checks it).
type configDoc struct {
	Config     `yaml:",inline"`
	Exceptions []exceptionYAML `yaml:"exceptions"`
	Vulns      yaml.Node       `yaml:"vulns"`
}

var yamlNodeType = reflect.TypeFor[yaml.Node]()

// checkKeys refuses a key the config does not know, naming it, its
// file:line:col and the keys allowed where it stands, and a value of the
// wrong shape (a list where a mapping belongs), in words rather than Go
// types. The allowed keys are read from the yaml tags of configDoc, so a
// new setting is allowed as soon as it is declared.
func checkKeys(path string, doc *yaml.Node) error {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	var problems []string
	checkShape(path, "", doc.Content[0], reflect.TypeFor[configDoc](), &problems)
	if len(problems) > 0 {
		return attest.Errorf(attest.EINVALID, "%s", strings.Join(problems, "\n"))
	}
	return nil
}

// checkShape checks node n against Go type t; name is the dotted key path
// ("" at the top, "rules", "exceptions[]").
func checkShape(path, name string, n *yaml.Node, t reflect.Type, problems *[]string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == yamlNodeType || t.Kind() == reflect.Interface || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	want := yaml.ScalarNode
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		want = yaml.MappingNode
	case reflect.Slice, reflect.Array:
		want = yaml.SequenceNode
	}
	if n.Kind != want {
		what := name
		if what == "" {
			what = "the file"
		}
		*problems = append(*problems, fmt.Sprintf("%s:%d:%d: %s: want %s", path, n.Line, n.Column, what, kindNames[want]))
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		fields := yamlFields(t)
		allowed := slices.Sorted(maps.Keys(fields))
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				where := "unknown key"
				if name != "" {
					where = "unknown key in " + strings.TrimSuffix(name, "[]")
				}
				*problems = append(*problems, fmt.Sprintf("%s:%d:%d: %s %q (allowed: %s)", path, k.Line, k.Column, where, k.Value, strings.Join(allowed, ", ")))
				continue
			}
			checkShape(path, strings.TrimPrefix(name+"."+k.Value, "."), v, ft, problems)
		}
	case reflect.Map:
		for i := 0; i+1 < len(n.Content); i += 2 {
			checkShape(path, name+"."+n.Content[i].Value, n.Content[i+1], t.Elem(), problems)
		}
	case reflect.Slice, reflect.Array:
		for _, e := range n.Content {
			checkShape(path, name+"[]", e, t.Elem(), problems)
		}
	}
}

// yamlFields maps the yaml keys of a struct to their types, following
// inline fields and leaving out those tagged "-".
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range t.Fields() {
		tag := f.Tag.Get("yaml")
		key, opts, _ := strings.Cut(tag, ",")
		switch {
		case key == "-" || !f.IsExported():
			continue
		case strings.Contains(opts, "inline"):
			maps.Copy(out, yamlFields(f.Type))
			continue
		case key == "":
			key = strings.ToLower(f.Name)
		}
		out[key] = f.Type
	}
	return out
}

var kindNames = map[yaml.Kind]string{yaml.SequenceNode: "a list", yaml.MappingNode: "a mapping of keys to values", yaml.ScalarNode: "a single value"}

// joinWords joins words as "a, b and c".
func joinWords(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
