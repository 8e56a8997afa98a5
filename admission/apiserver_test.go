package admission_test

// These tests drive the webhook with the code kube-apiserver runs for
// validating admission webhooks: k8s.io/apiserver's ValidatingAdmissionWebhook
// plugin, configured as an API server is (an admission plugin configuration
// naming the kubeconfig that holds the caller's credentials, and a
// ValidatingWebhookConfiguration with a service reference and a caBundle),
// calling attest serve's handler over TLS on loopback. Only the Service's
// address is resolved to the loopback listener, as the API server resolves
// it to an endpoint; the TLS server name is still attest.attest.svc.

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/admission"
	attesthttp "github.com/attest-dev/attest/http"
	admissionv1 "k8s.io/api/admission/v1"
	registrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	k8sadmission "k8s.io/apiserver/pkg/admission"
	"k8s.io/apiserver/pkg/admission/plugin/webhook/validating"
	"k8s.io/apiserver/pkg/authentication/user"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/kubernetes/scheme"
)

// serviceHost is the webhook's Service as kube-apiserver dials it.
const serviceHost = "attest.attest.svc"

// loopbackResolver resolves the Service to the loopback listener, as the
// API server resolves a Service to one of its endpoints.
type loopbackResolver struct{ addr string }

func (r loopbackResolver) ResolveEndpoint(namespace, name string, port int32) (*url.URL, error) {
	if namespace != "attest" || name != "attest" {
		return nil, fmt.Errorf("no service %s/%s", namespace, name)
	}
	return &url.URL{Scheme: "https", Host: r.addr}, nil
}

// apiserverEnv is attest serve over TLS on loopback with the webhook
// enabled, and the files an API server's configuration would name.
type apiserverEnv struct {
	srv   *attesthttp.Server
	db    attest.EventStore
	certs *admission.Certs
	dir   string
	token string
}

func newAPIServerEnv(t *testing.T, cfg admission.Config) *apiserverEnv {
	t.Helper()
	dir := t.TempDir()
	certs, err := admission.NewCerts([]string{serviceHost}, time.Now(), time.Hour, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"ca.crt": certs.CA, "tls.crt": certs.ServerCert, "tls.key": certs.ServerKey,
		"client.crt": certs.ClientCert, "client.key": certs.ClientKey,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	w, db := newWebhook(t, cfg)
	_, secret, err := attesthttp.CreateToken(context.Background(), db, attesthttp.NewToken{Name: "kube-apiserver", Scope: attest.ScopeAdmission, Actor: "test", Via: "cli"}, time.Now(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	srv := attesthttp.NewServer()
	srv.Addr = "127.0.0.1:0"
	srv.Events, srv.Tokens = db, db
	srv.TLSCert, srv.TLSKey = filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key")
	srv.ClientCAFile = filepath.Join(dir, "ca.crt")
	srv.Admission = w
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return &apiserverEnv{srv: srv, db: db, certs: certs, dir: dir, token: secret}
}

// addr is the host:port the server listens on.
func (e *apiserverEnv) addr() string {
	u, _ := url.Parse(e.srv.URL())
	return u.Host
}

// webhookConfiguration is the ValidatingWebhookConfiguration the Helm
// chart installs: workloads on CREATE and UPDATE, a service reference with
// the caBundle, admission.k8s.io/v1 only, no side effects, and
// failurePolicy Fail.
func webhookConfiguration(caBundle []byte) *registrationv1.ValidatingWebhookConfiguration {
	path := "/api/v1/admission/validate"
	port := int32(443)
	fail := registrationv1.Fail
	none := registrationv1.SideEffectClassNone
	timeout := int32(10)
	scope := registrationv1.AllScopes
	equivalent := registrationv1.Equivalent
	return &registrationv1.ValidatingWebhookConfiguration{
		ObjectMeta: metav1.ObjectMeta{Name: "attest"},
		Webhooks: []registrationv1.ValidatingWebhook{{
			Name: "validate.attest.dev",
			ClientConfig: registrationv1.WebhookClientConfig{
				Service:  &registrationv1.ServiceReference{Namespace: "attest", Name: "attest", Path: &path, Port: &port},
				CABundle: caBundle,
			},
			Rules: []registrationv1.RuleWithOperations{
				{Operations: []registrationv1.OperationType{registrationv1.Create, registrationv1.Update},
					Rule: registrationv1.Rule{APIGroups: []string{""}, APIVersions: []string{"v1"}, Resources: []string{"pods", "replicationcontrollers", "podtemplates"}, Scope: &scope}},
				{Operations: []registrationv1.OperationType{registrationv1.Create, registrationv1.Update},
					Rule: registrationv1.Rule{APIGroups: []string{"apps"}, APIVersions: []string{"v1"}, Resources: []string{"deployments", "statefulsets", "daemonsets", "replicasets"}, Scope: &scope}},
				{Operations: []registrationv1.OperationType{registrationv1.Create, registrationv1.Update},
					Rule: registrationv1.Rule{APIGroups: []string{"batch"}, APIVersions: []string{"v1"}, Resources: []string{"jobs", "cronjobs"}, Scope: &scope}},
			},
			NamespaceSelector: &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{
				Key: "kubernetes.io/metadata.name", Operator: metav1.LabelSelectorOpNotIn, Values: []string{"kube-system", "attest"},
			}}},
			// Set as the API server's defaulting sets them when the
			// configuration is created: an absent objectSelector matches
			// everything, matchPolicy is Equivalent.
			ObjectSelector:          &metav1.LabelSelector{},
			MatchPolicy:             &equivalent,
			FailurePolicy:           &fail,
			SideEffects:             &none,
			TimeoutSeconds:          &timeout,
			AdmissionReviewVersions: []string{"v1"},
		}},
	}
}

// newPlugin builds the ValidatingAdmissionWebhook plugin as kube-apiserver
// does, with the admission plugin configuration pointing at kubeconfig.
func (e *apiserverEnv) newPlugin(t *testing.T, kubeconfig string) *validating.Plugin {
	t.Helper()
	kcPath := filepath.Join(e.dir, "kubeconfig-"+fmt.Sprint(time.Now().UnixNano()))
	if err := os.WriteFile(kcPath, []byte(kubeconfig), 0o600); err != nil {
		t.Fatal(err)
	}
	pluginConfig := "apiVersion: apiserver.config.k8s.io/v1\nkind: WebhookAdmissionConfiguration\nkubeConfigFile: " + kcPath + "\n"
	plugin, err := validating.NewValidatingAdmissionWebhook(strings.NewReader(pluginConfig))
	if err != nil {
		t.Fatal(err)
	}
	client := fake.NewClientset(
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "payments", Labels: map[string]string{"kubernetes.io/metadata.name": "payments"}}},
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "kube-system", Labels: map[string]string{"kubernetes.io/metadata.name": "kube-system"}}},
		webhookConfiguration(e.certs.CA),
	)
	factory := informers.NewSharedInformerFactory(client, 0)
	plugin.SetServiceResolver(loopbackResolver{addr: e.addr()})
	plugin.SetExternalKubeClientSet(client)
	plugin.SetExternalKubeInformerFactory(factory)
	if err := plugin.ValidateInitialization(); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	factory.Start(stop)
	factory.WaitForCacheSync(stop)
	return plugin
}

// certKubeconfig is the webhook kubeconfig of an API server that presents
// the client certificate of 'attest admission certs'.
func (e *apiserverEnv) certKubeconfig() string {
	return fmt.Sprintf(`apiVersion: v1
kind: Config
users:
  - name: %s
    user:
      client-certificate: %s
      client-key: %s
`, serviceHost, filepath.Join(e.dir, "client.crt"), filepath.Join(e.dir, "client.key"))
}

// tokenKubeconfig is the webhook kubeconfig of an API server that sends a
// bearer token of scope admission.
func tokenKubeconfig(token string) string {
	return fmt.Sprintf("apiVersion: v1\nkind: Config\nusers:\n  - name: %s\n    user:\n      token: %s\n", serviceHost, token)
}

// attributes turns an AdmissionReview fixture into what the API server
// hands its admission chain: typed objects, decoded by the client-go scheme.
func attributes(t *testing.T, fixture string, dryRun bool) k8sadmission.Attributes {
	t.Helper()
	review := readReview(t, fixture)
	req := review.Request
	decode := func(raw []byte) runtime.Object {
		if len(raw) == 0 || string(raw) == "null" {
			return nil
		}
		obj, _, err := scheme.Codecs.UniversalDeserializer().Decode(raw, nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", fixture, err)
		}
		return obj
	}
	gvk := schema.GroupVersionKind{Group: req.Kind.Group, Version: req.Kind.Version, Kind: req.Kind.Kind}
	gvr := schema.GroupVersionResource{Group: req.Resource.Group, Version: req.Resource.Version, Resource: req.Resource.Resource}
	var opts runtime.Object = &metav1.CreateOptions{}
	if req.Operation == admissionv1.Update {
		opts = &metav1.UpdateOptions{}
	}
	userInfo := &user.DefaultInfo{Name: req.UserInfo.Username, Groups: req.UserInfo.Groups}
	return k8sadmission.NewAttributesRecord(decode(req.Object.Raw), decode(req.OldObject.Raw), gvk, req.Namespace, req.Name, gvr, "",
		k8sadmission.Operation(req.Operation), opts, dryRun, userInfo)
}

func TestAPIServerPlugin_Validate(t *testing.T) {
	e := newAPIServerEnv(t, admission.Config{DefaultMode: admission.ModeEnforce, ImageGate: true})
	interfaces := k8sadmission.NewObjectInterfacesFromScheme(scheme.Scheme)
	for _, auth := range []struct{ name, kubeconfig string }{
		{"client certificate", e.certKubeconfig()},
		{"token", tokenKubeconfig(e.token)},
	} {
		t.Run(auth.name, func(t *testing.T) {
			plugin := e.newPlugin(t, auth.kubeconfig)
			for _, tt := range []struct {
				fixture string
				// denied is the rule id the API server's error must name;
				// "" when the request is admitted.
				denied string
			}{
				{"pod-privileged.json", "k8s-pod-privileged"},
				{"pod-vulnerable.json", admission.GateVulnerable},
				{"pod-compliant.json", ""},
				{"deployment-compliant.json", ""},
				{"deployment-by-tag.json", admission.GateUnpinned},
				{"deployment-update-existing.json", ""},
				{"cronjob-compliant.json", ""},
				{"cronjob-no-report.json", admission.GateNoReport},
			} {
				t.Run(tt.fixture, func(t *testing.T) {
					err := plugin.Validate(context.Background(), attributes(t, tt.fixture, false), interfaces)
					if tt.denied == "" {
						if err != nil {
							t.Fatalf("denied: %v", err)
						}
						return
					}
					if err == nil {
						t.Fatal("admitted")
					}
					if !apierrors.IsForbidden(err) || !strings.Contains(err.Error(), tt.denied) || !strings.Contains(err.Error(), `admission webhook "validate.attest.dev" denied the request`) {
						t.Errorf("error %v: want a Forbidden from the webhook naming %s", err, tt.denied)
					}
				})
			}
		})
	}

	// Every call was recorded with the user the API server named.
	evs := decisions(t, e.db)
	if len(evs) != 16 {
		t.Fatalf("%d admission records, want 16", len(evs))
	}
	for _, ev := range evs {
		if ev.Actor != "alice@example.com" {
			t.Errorf("record %d: actor %q", ev.Seq, ev.Actor)
		}
	}
}

func TestAPIServerPlugin_DryRunAndExcluded(t *testing.T) {
	e := newAPIServerEnv(t, admission.Config{DefaultMode: admission.ModeEnforce, ImageGate: true})
	interfaces := k8sadmission.NewObjectInterfacesFromScheme(scheme.Scheme)
	plugin := e.newPlugin(t, e.certKubeconfig())

	// kubectl apply --dry-run=server is judged like the real request, and
	// recorded as a dry run.
	if err := plugin.Validate(context.Background(), attributes(t, "pod-privileged.json", true), interfaces); err == nil {
		t.Error("a dry run of a privileged pod was admitted")
	}
	evs := decisions(t, e.db)
	if len(evs) != 1 || evs[0].Action != "admission.dry-run.deny" {
		t.Fatalf("records %+v", evs)
	}
	var d admission.Decision
	json.Unmarshal(evs[0].Raw, &d)
	if !d.DryRun {
		t.Error("the record does not say dry run")
	}

	// kube-system is left out by the namespaceSelector: the API server
	// does not call the webhook.
	attrs := attributes(t, "pod-privileged.json", false)
	pod := attrs.GetObject().(*corev1.Pod)
	pod.Namespace = "kube-system"
	attrs = k8sadmission.NewAttributesRecord(pod, nil, attrs.GetKind(), "kube-system", pod.Name, attrs.GetResource(), "", attrs.GetOperation(), attrs.GetOperationOptions(), false, attrs.GetUserInfo())
	if err := plugin.Validate(context.Background(), attrs, interfaces); err != nil {
		t.Errorf("kube-system: %v", err)
	}
	if n := len(decisions(t, e.db)); n != 1 {
		t.Errorf("%d records; the excluded namespace was judged", n)
	}
}

// TestAPIServerPlugin_FailurePolicy: a caller the webhook does not
// authenticate gets an error answer, and failurePolicy Fail makes the API
// server refuse the request (an internal error, not a denial).
func TestAPIServerPlugin_FailurePolicy(t *testing.T) {
	e := newAPIServerEnv(t, admission.Config{DefaultMode: admission.ModeEnforce, ImageGate: true})
	interfaces := k8sadmission.NewObjectInterfacesFromScheme(scheme.Scheme)
	plugin := e.newPlugin(t, tokenKubeconfig("att_not-a-real-token"))
	err := plugin.Validate(context.Background(), attributes(t, "pod-compliant.json", false), interfaces)
	if err == nil || !strings.Contains(err.Error(), "failed calling webhook") {
		t.Fatalf("err %v, want the API server's failed-call error", err)
	}
	if n := len(decisions(t, e.db)); n != 0 {
		t.Errorf("%d records of an unauthenticated call", n)
	}
	// The listener is real TLS: a plain connection is not served.
	conn, err := net.DialTimeout("tcp", e.addr(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	conn.Close()
}
