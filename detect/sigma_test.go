package detect_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/detect"
)

// ruleWith returns a CloudTrail rule file whose detection is the given YAML
// (indented by four spaces inside detection).
func ruleWith(detection string) string {
	return "title: t\nname: t\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n" + indent(detection) + "level: high\n"
}

func indent(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

func engineFor(t *testing.T, files map[string]string) *detect.Engine {
	t.Helper()
	var rules []*detect.Rule
	for name, text := range files {
		rs, errs := detect.ParseRules(name, []byte(text))
		if len(errs) > 0 {
			t.Fatalf("parse %s: %v", name, errs)
		}
		rules = append(rules, rs...)
	}
	set, errs := detect.NewRuleSet(rules)
	if len(errs) > 0 {
		t.Fatalf("link: %v", errs)
	}
	return detect.NewEngine(set, detect.Options{Now: func() time.Time { return time.Unix(100, 0) }})
}

const sample = `{
  "eventName": "ConsoleLogin",
  "eventSource": "signin.amazonaws.com",
  "sourceIPAddress": "10.1.2.3",
  "userAgent": "Mozilla/5.0 (X11; Linux) *star* ?q\\back",
  "additionalEventData": {"MFAUsed": "No", "LoginTo": "https://console.aws.amazon.com/"},
  "userIdentity": {"type": "IAMUser", "userName": "alice", "arn": "arn:aws:iam::1:user/alice"},
  "requestParameters": {"userName": "alice", "count": 42, "enabled": true, "nothing": null,
    "items": [{"cidr": "0.0.0.0/0"}, {"cidr": "10.0.0.0/8"}], "tags": ["a", "B"],
    "encoded": "ZXZpbCBjb21tYW5k", "cmd": "whoami /all"},
  "output_fields": {"proc.name": "bash"}
}`

func TestEngine_Evaluate_semantics(t *testing.T) {
	tests := []struct {
		name      string
		detection string
		want      bool
	}{
		{"equals ignores case", "sel:\n  eventName: consolelogin\ncondition: sel", true},
		{"cased compares case", "sel:\n  eventName|cased: consolelogin\ncondition: sel", false},
		{"cased exact", "sel:\n  eventName|cased: ConsoleLogin\ncondition: sel", true},
		{"dot path", "sel:\n  additionalEventData.MFAUsed: 'No'\ncondition: sel", true},
		{"key with dots", "sel:\n  output_fields.proc.name: bash\ncondition: sel", true},
		{"list is or", "sel:\n  eventName: [GetObject, ConsoleLogin]\ncondition: sel", true},
		{"map is and", "sel:\n  eventName: ConsoleLogin\n  userIdentity.type: Root\ncondition: sel", false},
		{"contains", "sel:\n  userAgent|contains: linux\ncondition: sel", true},
		{"startswith", "sel:\n  userAgent|startswith: mozilla/\ncondition: sel", true},
		{"endswith", "sel:\n  sourceIPAddress|endswith: '.3'\ncondition: sel", true},
		{"contains all", "sel:\n  userAgent|contains|all: [linux, x11]\ncondition: sel", true},
		{"contains all, one missing", "sel:\n  userAgent|contains|all: [linux, windows]\ncondition: sel", false},
		{"wildcard star", "sel:\n  eventSource: 'sign*.com'\ncondition: sel", true},
		{"wildcard question", "sel:\n  eventName: 'Console?ogin'\ncondition: sel", true},
		{"wildcard mismatch", "sel:\n  eventName: 'Console?'\ncondition: sel", false},
		{"escaped star is literal", "sel:\n  userAgent|contains: '\\*star\\*'\ncondition: sel", true},
		{"escaped star does not wildcard", "sel:\n  eventName: 'Console\\*'\ncondition: sel", false},
		{"escaped question and backslash", "sel:\n  userAgent|endswith: '\\?q\\\\back'\ncondition: sel", true},
		{"null matches absent", "sel:\n  errorCode: null\ncondition: sel", true},
		{"null matches JSON null", "sel:\n  requestParameters.nothing: null\ncondition: sel", true},
		{"null does not match a value", "sel:\n  eventName: null\ncondition: sel", false},
		{"empty string is not null", "sel:\n  errorCode: ''\ncondition: sel", false},
		{"exists true", "sel:\n  userIdentity.userName|exists: true\ncondition: sel", true},
		{"exists false", "sel:\n  errorCode|exists: false\ncondition: sel", true},
		{"exists on null", "sel:\n  requestParameters.nothing|exists: true\ncondition: sel", true},
		{"fieldref equal", "sel:\n  requestParameters.userName|fieldref: userIdentity.userName\ncondition: sel", true},
		{"fieldref absent", "sel:\n  requestParameters.userName|fieldref: userIdentity.missing\ncondition: sel", false},
		{"re is case-sensitive", "sel:\n  eventName|re: '^console'\ncondition: sel", false},
		{"re with i", "sel:\n  eventName|re|i: '^console'\ncondition: sel", true},
		{"cidr", "sel:\n  sourceIPAddress|cidr: 10.0.0.0/8\ncondition: sel", true},
		{"cidr outside", "sel:\n  sourceIPAddress|cidr: 192.168.0.0/16\ncondition: sel", false},
		{"number equals", "sel:\n  requestParameters.count: 42\ncondition: sel", true},
		{"gt", "sel:\n  requestParameters.count|gt: 41\ncondition: sel", true},
		{"lte", "sel:\n  requestParameters.count|lte: 41\ncondition: sel", false},
		{"bool", "sel:\n  requestParameters.enabled: true\ncondition: sel", true},
		{"array element", "sel:\n  requestParameters.tags: b\ncondition: sel", true},
		{"array of objects", "sel:\n  requestParameters.items.cidr: 0.0.0.0/0\ncondition: sel", true},
		{"base64", "sel:\n  requestParameters.encoded|base64: evil command\ncondition: sel", true},
		{"base64offset contains", "sel:\n  requestParameters.encoded|base64offset|contains: command\ncondition: sel", true},
		{"windash", "sel:\n  requestParameters.cmd|windash|contains: ' -all'\ncondition: sel", true},
		{"keywords", "kw:\n  - '*nothing here*'\n  - Linux\ncondition: kw", true},
		{"keyword absent", "kw:\n  - windows\ncondition: kw", false},
		{"not", "sel:\n  eventName: ConsoleLogin\nf:\n  userIdentity.type: IAMUser\ncondition: sel and not f", false},
		{"or and precedence", "a:\n  eventName: x\nb:\n  eventName: ConsoleLogin\nc:\n  userIdentity.type: IAMUser\ncondition: a and b or c", true},
		{"parentheses", "a:\n  eventName: x\nb:\n  eventName: ConsoleLogin\nc:\n  userIdentity.type: IAMUser\ncondition: a and (b or c)", false},
		{"1 of pattern", "sel_a:\n  eventName: x\nsel_b:\n  eventName: ConsoleLogin\ncondition: 1 of sel_*", true},
		{"all of pattern", "sel_a:\n  eventName: x\nsel_b:\n  eventName: ConsoleLogin\ncondition: all of sel_*", false},
		{"all of them", "a:\n  eventName: ConsoleLogin\nb:\n  userIdentity.type: IAMUser\ncondition: all of them", true},
		{"list of maps is or", "sel:\n  - eventName: x\n  - userIdentity.type: IAMUser\ncondition: sel", true},
		{"condition list is or", "a:\n  eventName: x\nb:\n  eventName: ConsoleLogin\ncondition: [a, b]", true},
	}
	ev := &attest.Event{Source: "cloudtrail", Raw: []byte(sample), Actor: "alice"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := engineFor(t, map[string]string{"r.yml": ruleWith(tt.detection)})
			got := len(e.Evaluate(ev)) > 0
			if got != tt.want {
				t.Errorf("match = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEngine_Evaluate_logsource(t *testing.T) {
	e := engineFor(t, map[string]string{"r.yml": ruleWith("sel:\n  eventName: ConsoleLogin\ncondition: sel")})
	if m := e.Evaluate(&attest.Event{Source: "k8s-audit", Raw: []byte(sample)}); len(m) != 0 {
		t.Errorf("a CloudTrail rule matched a Kubernetes event: %v", m)
	}
	if m := e.Evaluate(&attest.Event{Source: "cloudtrail", Raw: []byte(sample), Seq: 7}); len(m) != 1 || m[0].Seqs[0] != 7 || !m[0].Detected.Equal(time.Unix(100, 0)) {
		t.Errorf("matches = %+v", m)
	}
}

func TestEngine_Evaluate_badEvent(t *testing.T) {
	e := engineFor(t, map[string]string{"r.yml": ruleWith("sel:\n  eventName: ConsoleLogin\ncondition: sel")})
	if m := e.Evaluate(&attest.Event{Source: "cloudtrail", Raw: []byte(`{"eventName": "Console`)}); m != nil {
		t.Errorf("matches on a broken record: %v", m)
	}
	if m := e.Evaluate(&attest.Event{Source: "cloudtrail", Raw: []byte(sample)}); len(m) != 1 {
		t.Errorf("the engine stopped after a bad record: %v", m)
	}
	stats, errs := e.Stats()
	if errs != 1 || len(stats) != 1 || stats[0].Matches != 1 {
		t.Errorf("stats = %+v, errors %d", stats, errs)
	}
}

func TestParseRules_errors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"not yaml", "title: [", "r.yml:"},
		{"unknown modifier", ruleWith("sel:\n  eventName|sounds_like: x\ncondition: sel"), `r.yml:8:28: field eventName: unknown modifier "sounds_like"`},
		{"bad regexp", ruleWith("sel:\n  eventName|re: '(?<=x)'\ncondition: sel"), "r.yml:8:19: field eventName: regular expression"},
		{"missing search", ruleWith("sel:\n  eventName: x\ncondition: sel and other"), `no search named "other"`},
		{"aggregation", ruleWith("sel:\n  eventName: x\ncondition: sel | count() > 5"), "write a correlation rule"},
		{"no condition", ruleWith("sel:\n  eventName: x"), "detection has no condition"},
		{"unknown logsource", "title: t\nlogsource:\n  product: windows\ndetection:\n  sel:\n    a: b\n  condition: sel\n", "selects none of attest's event sources"},
		{"bad level", strings.Replace(ruleWith("sel:\n  a: b\ncondition: sel"), "level: high", "level: severe", 1), `level "severe"`},
		{"bad cidr", ruleWith("sel:\n  a|cidr: 10.0.0.0/33\ncondition: sel"), "cidr"},
		{"deep nesting", ruleWith("sel:\n  a: b\ncondition: " + strings.Repeat("not ", 200) + "sel"), "nests too deeply"},
		{"correlation without timespan", "title: c\ncorrelation:\n  type: event_count\n  rules: [x]\n  condition: {gte: 2}\n", "no timespan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := detect.ParseRules("r.yml", []byte(tt.text))
			if len(errs) != 1 {
				t.Fatalf("errors = %v, want one", errs)
			}
			var le *detect.LoadError
			if !errors.As(errs[0], &le) || le.File != "r.yml" {
				t.Fatalf("error %v is not a LoadError naming the file", errs[0])
			}
			if !strings.Contains(errs[0].Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", errs[0], tt.want)
			}
		})
	}
}

func TestParseRules_otherRulesStillLoad(t *testing.T) {
	text := ruleWith("sel:\n  eventName|bogus: x\ncondition: sel") + "---\n" + strings.Replace(ruleWith("sel:\n  eventName: x\ncondition: sel"), "name: t", "name: t2", 1)
	rules, errs := detect.ParseRules("r.yml", []byte(text))
	if len(rules) != 1 || rules[0].Name != "t2" || len(errs) != 1 {
		t.Fatalf("rules %v, errors %v", rules, errs)
	}
	if !strings.HasPrefix(errs[0].Error(), "r.yml:8:") {
		t.Errorf("error %q does not name line 8", errs[0])
	}
}

func ctEvent(seq int64, at time.Time, user, eventName string) *attest.Event {
	raw := `{"eventName":"` + eventName + `","userIdentity":{"userName":"` + user + `"},"sourceIPAddress":"10.0.0.` + string(rune('0'+seq%10)) + `"}`
	return &attest.Event{Seq: seq, Time: at, Source: "cloudtrail", Raw: []byte(raw), Actor: user}
}

func TestEngine_Evaluate_correlation(t *testing.T) {
	base := strings.Replace(ruleWith("sel:\n  eventName: ConsoleLogin\ncondition: sel"), "name: t", "name: login", 1)
	other := strings.Replace(ruleWith("sel:\n  eventName: StopLogging\ncondition: sel"), "name: t", "name: stop", 1)
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	t.Run("event_count", func(t *testing.T) {
		e := engineFor(t, map[string]string{"b.yml": base, "c.yml": "title: burst\nname: burst\ncorrelation:\n  type: event_count\n  rules: login\n  group-by: [userIdentity.userName]\n  timespan: 5m\n  condition: {gte: 3}\n"})
		var fired []detect.Match
		for i, at := range []time.Duration{0, time.Minute, 10 * time.Minute, 11 * time.Minute, 12 * time.Minute} {
			fired = append(fired, e.Evaluate(ctEvent(int64(i), t0.Add(at), "alice", "ConsoleLogin"))...)
			fired = append(fired, e.Evaluate(ctEvent(int64(100+i), t0.Add(at), "bob", "ConsoleLogin"))...)
		}
		if len(fired) != 2 {
			t.Fatalf("fired %d times, want twice (alice and bob each once): %+v", len(fired), fired)
		}
		for _, m := range fired {
			if m.Rule.Name != "burst" || m.Count != 3 || len(m.Seqs) != 3 {
				t.Errorf("match %+v", m)
			}
		}
		if fired[0].Group != "userIdentity.userName=alice" || fired[0].Seqs[0] != 2 {
			t.Errorf("first match group %q seqs %v", fired[0].Group, fired[0].Seqs)
		}
	})
	t.Run("value_count", func(t *testing.T) {
		e := engineFor(t, map[string]string{"b.yml": base, "c.yml": "title: ips\nname: ips\ncorrelation:\n  type: value_count\n  rules: [login]\n  group-by: [userIdentity.userName]\n  timespan: 1h\n  condition: {field: sourceIPAddress, gte: 3}\n"})
		var n int
		for i, seq := range []int64{1, 1, 2, 2, 3} {
			n += len(e.Evaluate(ctEvent(seq, t0.Add(time.Duration(i)*time.Minute), "alice", "ConsoleLogin")))
		}
		if n != 1 {
			t.Errorf("fired %d times, want once at the third distinct address", n)
		}
	})
	t.Run("temporal", func(t *testing.T) {
		files := map[string]string{"b.yml": base, "o.yml": other, "c.yml": "title: seq\nname: seq\ncorrelation:\n  type: temporal_ordered\n  rules: [login, stop]\n  group-by: [userIdentity.userName]\n  timespan: 10m\n  generate: true\n"}
		e := engineFor(t, files)
		if m := e.Evaluate(ctEvent(1, t0, "alice", "StopLogging")); len(m) != 1 || m[0].Rule.Name != "stop" {
			t.Fatalf("stop before login: %+v", m)
		}
		e.Evaluate(ctEvent(2, t0.Add(time.Minute), "alice", "ConsoleLogin"))
		m := e.Evaluate(ctEvent(3, t0.Add(2*time.Minute), "alice", "StopLogging"))
		if len(m) != 2 || m[1].Rule.Name != "seq" {
			t.Fatalf("login then stop: %+v", m)
		}
	})
	t.Run("unknown rule", func(t *testing.T) {
		rules, _ := detect.ParseRules("c.yml", []byte("title: c\ncorrelation:\n  type: temporal\n  rules: [nope]\n  timespan: 1m\n"))
		_, errs := detect.NewRuleSet(rules)
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "nope") {
			t.Errorf("errors = %v", errs)
		}
	})
}

func TestMemoryWindow_sweep(t *testing.T) {
	w := detect.NewMemoryWindow()
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	for i := range 10000 {
		if _, _, err := w.Observe(string(rune(i)), detect.Observation{Time: t0.Add(time.Duration(i) * time.Second)}, time.Minute, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := w.Len(); n > 4096+60 {
		t.Errorf("%d series held; expired ones should be swept", n)
	}
}

// TestEngine_Evaluate_concurrent evaluates from several goroutines, as the
// server will (run with -race).
func TestEngine_Evaluate_concurrent(t *testing.T) {
	set, err := detect.LoadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	e := detect.NewEngine(set, detect.Options{})
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	done := make(chan int)
	for g := range 4 {
		go func() {
			n := 0
			for i := range 50 {
				ev := ctEvent(int64(g*100+i), t0.Add(time.Duration(i)*time.Second), "alice", "ConsoleLogin")
				ev.Raw = []byte(`{"eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Failure"},"userIdentity":{"userName":"alice"}}`)
				n += len(e.Evaluate(ev))
			}
			done <- n
		}()
	}
	total := 0
	for range 4 {
		total += <-done
	}
	// 200 failures for one user within the window: one alert per five.
	if total != 40 {
		t.Errorf("%d correlation matches, want 40", total)
	}
}

func TestParseRules_alertWindow(t *testing.T) {
	base := ruleWith("sel:\n  eventName: StopLogging\ncondition: sel\n")
	rs, errs := detect.ParseRules("w.yml", []byte(base+"alert_window: 30m\n"))
	if len(errs) > 0 || len(rs) != 1 || rs[0].AlertWindow != 30*time.Minute {
		t.Fatalf("alert_window 30m: %v, %v", rs, errs)
	}
	if rs, _ := detect.ParseRules("w.yml", []byte(base)); rs[0].AlertWindow != 0 {
		t.Errorf("no alert_window: %v, want 0 (the server's default)", rs[0].AlertWindow)
	}
	for _, bad := range []string{"soon", "0m", "-1h", "[1h]"} {
		_, errs := detect.ParseRules("w.yml", []byte(base+"alert_window: "+bad+"\n"))
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "w.yml:") || !strings.Contains(errs[0].Error(), "alert_window") {
			t.Errorf("alert_window %s: %v, want one error at w.yml:line naming alert_window", bad, errs)
		}
	}
}

// TestNewRuleSet_relink links a linked set again, as a server does when it
// adds a user's folder to the built-in set: each correlation still counts
// each event once (it used to be linked twice and count every event twice).
func TestNewRuleSet_relink(t *testing.T) {
	base := strings.Replace(ruleWith("sel:\n  eventName: ConsoleLogin\ncondition: sel"), "name: t", "name: login", 1)
	var rules []*detect.Rule
	for name, text := range map[string]string{"b.yml": base, "c.yml": "title: burst\nname: burst\ncorrelation:\n  type: event_count\n  rules: login\n  group-by: [userIdentity.userName]\n  timespan: 5m\n  condition: {gte: 4}\n"} {
		rs, errs := detect.ParseRules(name, []byte(text))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		rules = append(rules, rs...)
	}
	first, _ := detect.NewRuleSet(rules)
	again, errs := detect.NewRuleSet(first.Rules)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	e := detect.NewEngine(again, detect.Options{})
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	var fired []detect.Match
	for i := range 4 {
		fired = append(fired, e.Evaluate(ctEvent(int64(i), t0.Add(time.Duration(i)*time.Second), "alice", "ConsoleLogin"))...)
	}
	if len(fired) != 1 || len(fired[0].Seqs) != 4 || fired[0].Count != 4 {
		t.Fatalf("fired %+v, want one match of the 4 events at the fourth", fired)
	}
}
