package notify

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"strings"
)

// Secret is a credential that the configuration names but does not hold:
// the value comes from an environment variable (env) or a file (file), read
// once when the configuration is built. It prints, logs and marshals as
// "[redacted]".
type Secret struct {
	Env   string `yaml:"env"`
	File  string `yaml:"file"`
	value string
}

const redacted = "[redacted]"

// Literal returns a secret holding v (for tests and programs that build
// channels themselves).
func Literal(v string) Secret { return Secret{value: v} }

// IsSet reports whether the configuration names a source for the secret.
func (s Secret) IsSet() bool { return s.Env != "" || s.File != "" || s.value != "" }

// Value returns the secret's value.
func (s Secret) Value() string { return s.value }

// String hides the value.
func (s Secret) String() string { return redacted }

// GoString hides the value from %#v too.
func (s Secret) GoString() string { return redacted }

// LogValue hides the value from slog.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON hides the value from JSON.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(redacted) }

// resolve reads the secret from its source. getenv is os.Getenv outside
// tests. A secret must name exactly one source, and it may not be empty.
func (s *Secret) resolve(getenv func(string) string) error {
	switch {
	case s.Env != "" && s.File != "":
		return fmt.Errorf("name an environment variable (env) or a file (file), not both")
	case s.Env != "":
		s.value = getenv(s.Env)
		if s.value == "" {
			return fmt.Errorf("environment variable %s is empty or not set", s.Env)
		}
	case s.File != "":
		b, err := os.ReadFile(s.File)
		if err != nil {
			// The path is the configuration's; the error says nothing of
			// the content.
			return fmt.Errorf("read secret file: %w", err)
		}
		s.value = strings.TrimRight(string(b), "\r\n")
		if s.value == "" {
			return fmt.Errorf("secret file %s is empty", s.File)
		}
	default:
		return fmt.Errorf("missing: give env: VARIABLE or file: PATH")
	}
	return nil
}
