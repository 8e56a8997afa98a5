package detect_test

import (
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/detect"
	"github.com/attest-dev/attest/ingest/cloudtrail"
	"github.com/attest-dev/attest/internal/cputime"
)

// cloudTrailMix returns n CloudTrail-like records: mostly routine reads and
// writes across services, a few that the built-in rules flag.
func cloudTrailMix(n int) []*attest.Event {
	names := []struct{ source, name, params string }{
		{"s3", "GetObject", `{"bucketName":"logs","key":"a/b.json"}`},
		{"ec2", "DescribeInstances", `{"instancesSet":{},"filterSet":{}}`},
		{"sts", "AssumeRole", `{"roleArn":"arn:aws:iam::111122223333:role/deploy","roleSessionName":"ci"}`},
		{"iam", "ListUsers", `null`},
		{"kms", "Decrypt", `{"encryptionAlgorithm":"SYMMETRIC_DEFAULT"}`},
		{"lambda", "Invoke", `{"functionName":"resize"}`},
		{"ec2", "AuthorizeSecurityGroupIngress", `{"groupId":"sg-1","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":443,"toPort":443,"ipRanges":{"items":[{"cidrIp":"10.0.0.0/8"}]}}]}}`},
		{"secretsmanager", "GetSecretValue", `{"secretId":"prod/db"}`},
		{"cloudtrail", "StopLogging", `{"name":"main"}`},
		{"iam", "AttachRolePolicy", `{"roleName":"app","policyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}`},
	}
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	out := make([]*attest.Event, n)
	for i := range out {
		c := names[i%len(names)]
		raw := fmt.Sprintf(`{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:s%d","arn":"arn:aws:sts::111122223333:assumed-role/app/s%d","accountId":"111122223333","sessionContext":{"attributes":{"mfaAuthenticated":"false","creationDate":"2026-03-01T09:00:00Z"}}},"eventTime":"%s","eventSource":"%s.amazonaws.com","eventName":"%s","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.%d","userAgent":"aws-sdk-go-v2/1.30.0 os/linux","requestParameters":%s,"responseElements":null,"requestID":"r%d","eventID":"e%d","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333"}`,
			i%50, i%50, t0.Add(time.Duration(i)*time.Millisecond).Format(time.RFC3339Nano), c.source, c.name, i%250, c.params, i, i)
		evs, err := cloudtrail.New().Normalise([]byte(raw))
		if err != nil {
			panic(err)
		}
		evs[0].Seq = int64(i)
		out[i] = evs[0]
	}
	return out
}

// BenchmarkEngine_Evaluate measures detection throughput on CloudTrail-like
// events with the built-in rules, plus the Sigma rules under
// $ATTEST_BENCH_SIGMA when set (e.g. a checkout of SigmaHQ's
// rules/cloud/aws). Reports events/s on one core with -cpu 1, in wall time
// and per second of the process's CPU time.
func BenchmarkEngine_Evaluate(b *testing.B) {
	set, err := detect.LoadBuiltin()
	if err != nil {
		b.Fatal(err)
	}
	if dir := os.Getenv("ATTEST_BENCH_SIGMA"); dir != "" {
		extra, errs := detect.LoadFS(os.DirFS(dir), ".")
		b.Logf("%d extra rules from %s, %d not loaded", len(extra.Rules), dir, len(errs))
		all, errs := detect.NewRuleSet(append(set.Rules, extra.Rules...))
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		set = all
	}
	b.Logf("%d rules", len(set.Rules))
	events := cloudTrailMix(10000)
	e := detect.NewEngine(set, detect.Options{})
	matches := 0
	for _, ev := range events {
		matches += len(e.Evaluate(ev))
	}
	if matches == 0 {
		b.Fatal("no matches: the mix should raise some")
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, cpuOK := cputime.Process()
	for i := 0; i < b.N; i++ {
		e.Evaluate(events[i%len(events)])
	}
	cpu1, _ := cputime.Process()
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	// Per second of CPU, which on a shared machine says more about one
	// core than wall time does.
	if cpuOK && cpu1 > cpu0 {
		b.ReportMetric(float64(b.N)/(cpu1-cpu0).Seconds(), "events/cpu-s")
	}
}

// BenchmarkMemoryWindow_distinctActors observes one event for each of a
// million distinct actors in 5-minute windows and reports the series held
// at the end and the heap they take. spread: 1,000 actors a second, so
// expired series are swept and memory follows the actors active within the
// window; oneWindow: all million within one window (3,333 a second), the
// bound: every actor's series is live at once.
func BenchmarkMemoryWindow_distinctActors(b *testing.B) {
	const actors = 1_000_000
	keys := make([]string, actors)
	for i := range keys {
		keys[i] = fmt.Sprintf("aws-console-login-failures\x00userIdentity.userName=user%07d", i)
	}
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		gap  time.Duration
	}{{"spread", time.Millisecond}, {"oneWindow", 5 * time.Minute / actors}} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				w := detect.NewMemoryWindow()
				for i, k := range keys {
					o := detect.Observation{Time: t0.Add(time.Duration(i) * c.gap), Seq: int64(i)}
					if _, _, err := w.Observe(k, o, 5*time.Minute, nil); err != nil {
						b.Fatal(err)
					}
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(w.Len()), "series")
				b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MiB")
				b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(max(w.Len(), 1)), "heap-B/series")
				runtime.KeepAlive(w)
			}
		})
	}
}
