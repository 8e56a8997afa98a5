package policy

import (
	"regexp"
	"slices"
	"testing"
)

// matcherPatterns are patterns of the Dockerfile rules and shapes the
// literal analysis must get right: alternations, optional and repeated
// groups, case folding, anchors.
var matcherPatterns = []string{
	`\bapt(-get)?\s+(-\S+\s+)*install\b`,
	`(?s)\b(curl|wget|fetch)\b[^|;&\n]*(\|\s*)+(sudo\s+(-\S+\s+)*)?(env\s+\S+=\S*\s+)*(/usr)?(/bin/)?(ba|da|z|k|c|tc|fi)?sh\b`,
	`\bapt(-get)?\b[^;&|\n]*\s--allow-unauthenticated\b`,
	`APT::Get::AllowUnauthenticated\s*(=|")\s*"?(true|1|yes)`,
	`(?i)aws_secret_access_key\s*=\s*['"]?[A-Za-z0-9/+=]{40}`,
	`\b(yum|dnf|microdnf|tdnf)\s+(-\S+\s+)*clean\s+all\b`,
	`-----BEGIN ([A-Z]+ )?PRIVATE KEY-----`,
	`(ab){2,}c(de)?(fg)*h+`,
	`x(?i:abc)y`,
	`^$`,
	`a|b`,
	`(a(b(c)))`,
	`(?:abc){0}d`,
	`[a]bc`,
}

func TestMatcher_literals(t *testing.T) {
	for p, want := range map[string][]string{
		`\bapt(-get)?\s+(-\S+\s+)*install\b`:                      {"apt", "install"},
		`\bapt(-get)?\b[^;&|\n]*\s--allow-unauthenticated\b`:      {"apt", "--allow-unauthenticated"},
		`(?i)aws_secret_access_key\s*=\s*['"]?[A-Za-z0-9/+=]{40}`: {"="},
		`(ab){2,}c(de)?(fg)*h+`:                                   {"ab", "c", "h"},
		`x(?i:abc)y`:                                              {"x", "y"},
		`a|b`:                                                     nil,
		`-----BEGIN ([A-Z]+ )?PRIVATE KEY-----`:                   {"-----BEGIN ", "PRIVATE KEY-----"},
	} {
		if got := newMatcher(p).literals; !slices.Equal(got, want) {
			t.Errorf("%s: literals %q, want %q", p, got, want)
		}
	}
}

// checkMatcher holds a matcher to the regular expression it stands for.
func checkMatcher(t *testing.T, p, s string) {
	t.Helper()
	m := newMatcher(p)
	re, err := regexp.Compile(p)
	if err != nil {
		if m != nil {
			t.Errorf("%q does not compile, but has a matcher", p)
		}
		return
	}
	if got, want := m.MatchString(s), re.MatchString(s); got != want {
		t.Errorf("pattern %q on %q: matcher %v, regexp %v (literals %q)", p, s, got, want, m.literals)
	}
}

func TestMatcher_matchesRegexp(t *testing.T) {
	subjects := []string{
		"", "apt-get install -y curl", "apt install", "aptinstall", "apt-get -y install x",
		"curl -fsSL https://x | sh", "wget -O- x |sudo bash", "AWS_SECRET_ACCESS_KEY=" + "abcdefghij0123456789abcdefghij0123456789",
		"yum clean all", "dnf -q clean  all", "-----BEGIN RSA PRIVATE KEY-----", "ababcdehh", "abcfgfgh", "xABCy", "xabcY",
		"apt-get --allow-unauthenticated", "APT::Get::AllowUnauthenticated \"true\"", "d", "bc", "abc",
	}
	for _, p := range matcherPatterns {
		for _, s := range subjects {
			checkMatcher(t, p, s)
		}
	}
	// The expression reads a byte that is not UTF-8 as U+FFFD.
	checkMatcher(t, "a\\x{FFFD}b", "a\xffb")
	checkMatcher(t, "a\uFFFDb", "a\xffb")
}

func FuzzMatcher(f *testing.F) {
	for _, p := range matcherPatterns {
		f.Add(p, "apt-get install curl && rm -rf /var/lib/apt/lists/*")
		f.Add(p, "ababch")
	}
	f.Add("a\\x{FFFD}b", "a\xffb")
	f.Fuzz(checkMatcher)
}
