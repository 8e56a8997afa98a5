package opta_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/iac/opta"
	"github.com/google/go-cmp/cmp"
)

func load(t *testing.T, path string, tree string) ([]attest.Resource, attest.Diagnostics) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return opta.Load(path, src, opta.Options{Tree: tree})
}

func byAddress(rs []attest.Resource, root string) map[string]attest.Resource {
	m := map[string]attest.Resource{}
	for _, r := range rs {
		if r.Root == root {
			m[r.Address] = r
		}
	}
	return m
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       bool
	}{
		{"opta.yaml", "name: api\nenvironments:\n  - name: s\n    path: e.yaml\nmodules:\n  - type: aws-s3\n", true},
		{"env.yml", "name: staging\norg_name: acme\nproviders:\n  aws: {}\nmodules:\n  - name: b\n    type: base\n", true},
		{"env.txt", "name: staging\norg_name: acme\nmodules:\n  - type: base\n", false},
		{"chart.yaml", "name: api\nmodules:\n  - type: base\n", false},
		{"values.yaml", "name: api\norg_name: x\nmodules: []\n", false},
		{"deploy.yaml", "apiVersion: v1\nkind: ConfigMap\nname: x\norg_name: y\nmodules:\n  - type: z\n", false},
		{"nested.yaml", "name: a\norg_name: b\nspec:\n  modules:\n    - type: c\n", false},
	} {
		if got := opta.Detect(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("Detect(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestLoad_ServiceEnvironments(t *testing.T) {
	tree := filepath.Join("testdata", "project")
	path := filepath.Join(tree, "api", "opta.yaml")
	rs, diags := load(t, path, tree)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	staging := byAddress(rs, path+"#staging")
	prod := byAddress(rs, path+"#prod")
	if len(staging) == 0 || len(prod) == 0 {
		t.Fatalf("want resources in both environments, got %d and %d", len(staging), len(prod))
	}

	t.Run("interpolation per environment", func(t *testing.T) {
		for root, want := range map[string]string{"staging": "acme-api-staging-web", "prod": "acme-api-prod-web"} {
			b := byAddress(rs, path+"#"+root)["module.files.aws_s3_bucket.bucket"]
			if got := b.Attributes["bucket"]; got != want {
				t.Errorf("%s bucket = %v, want %s", root, got, want)
			}
		}
		db := staging["module.db.aws_rds_cluster.db_cluster[0]"]
		if db.Attributes["db_subnet_group_name"] != "opta-staging" {
			t.Errorf("db_subnet_group_name = %v", db.Attributes["db_subnet_group_name"])
		}
	})
	t.Run("environment vars decide replication", func(t *testing.T) {
		if _, ok := staging["module.files.aws_s3_bucket.replica[0]"]; ok {
			t.Error("staging sets replicate false but has a replica")
		}
		cfg, ok := prod["module.files.aws_s3_bucket_replication_configuration.bucket[0]"]
		if !ok {
			t.Fatal("prod has no replication configuration")
		}
		want := map[string][]string{"bucket": {"module.files.aws_s3_bucket.bucket"},
			"rule.0.destination.0.bucket": {"module.files.aws_s3_bucket.replica[0]"}}
		if diff := cmp.Diff(want, cfg.Refs); diff != "" {
			t.Errorf("refs (-want +got):\n%s", diff)
		}
	})
	t.Run("postgres settings", func(t *testing.T) {
		db := prod["module.db.aws_rds_cluster.db_cluster[0]"]
		for k, want := range map[string]any{"storage_encrypted": true, "deletion_protection": true,
			"backup_retention_period": int64(14), "engine": "aurora-postgresql", "engine_version": "11.9"} {
			if got := db.Attributes[k]; got != want {
				t.Errorf("%s = %v, want %v", k, got, want)
			}
		}
		if !slices.Contains(db.Unknown, "kms_key_id") || !slices.Contains(db.Unknown, "cluster_identifier") {
			t.Errorf("unknown = %v, want kms_key_id and cluster_identifier", db.Unknown)
		}
		for _, i := range []string{"0", "1"} {
			inst := prod["module.db.aws_rds_cluster_instance.db_instance["+i+"]"]
			if got := inst.Refs["cluster_identifier"]; !slices.Equal(got, []string{"module.db.aws_rds_cluster.db_cluster[0]"}) {
				t.Errorf("instance %s joins %v", i, got)
			}
		}
	})
	t.Run("ranges point at the module entry", func(t *testing.T) {
		b := staging["module.files.aws_s3_bucket.bucket"]
		want := attest.Range{File: path, StartLine: 22, EndLine: 36}
		if b.Range != want || b.Format != attest.FormatOpta || b.Module != "module.files" || b.Provider != "aws" {
			t.Errorf("bucket range %v format %q module %q provider %q", b.Range, b.Format, b.Module, b.Provider)
		}
	})
	t.Run("a Terraform expression is unknown", func(t *testing.T) {
		p := staging["module.files.aws_s3_bucket_policy.policy"]
		pol, _ := p.Attributes["policy"].(string)
		if !strings.Contains(pol, `"Resource":"(known after apply)"`) || !strings.Contains(pol, `"aws:SecureTransport":"false"`) {
			t.Errorf("policy %s", pol)
		}
	})
	t.Run("access logs go to the environment's log bucket", func(t *testing.T) {
		l, ok := staging["module.files.aws_s3_bucket_logging.bucket[0]"]
		if !ok || !slices.Contains(l.Unknown, "target_bucket") {
			t.Errorf("logging %+v", l)
		}
	})
}

func TestLoad_Environment(t *testing.T) {
	tree := filepath.Join("testdata", "project")
	t.Run("new VPC", func(t *testing.T) {
		path := filepath.Join(tree, "envs", "staging.yaml")
		rs, diags := load(t, path, tree)
		if len(diags) != 0 {
			t.Fatalf("diagnostics: %v", diags)
		}
		m := byAddress(rs, path)
		flow := m["module.base.aws_flow_log.vpc[0]"]
		if !slices.Equal(flow.Refs["vpc_id"], []string{"module.base.aws_vpc.vpc[0]"}) {
			t.Errorf("flow log refs %v", flow.Refs)
		}
		if got := m["module.base.aws_cloudwatch_log_group.vpc_flow_log[0]"].Attributes["retention_in_days"]; got != int64(365) {
			t.Errorf("retention %v", got)
		}
		eks := m["module.k8scluster.aws_eks_cluster.cluster"]
		if eks.Range.StartLine != 10 {
			t.Errorf("eks range %v", eks.Range)
		}
	})
	t.Run("existing VPC", func(t *testing.T) {
		path := filepath.Join(tree, "envs", "prod.yaml")
		rs, _ := load(t, path, tree)
		if _, ok := byAddress(rs, path)["module.base.aws_vpc.vpc[0]"]; ok {
			t.Error("vpc_id names an existing VPC; Opta creates none")
		}
	})
}

func write(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad_EnvironmentNotRead(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, "env.yaml", "name: secret\norg_name: x\nproviders:\n  aws: {region: us-east-1}\nmodules:\n  - type: base\n")
	tree := t.TempDir()
	if err := os.Symlink(filepath.Join(outside, "env.yaml"), filepath.Join(tree, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	for name, envPath := range map[string]string{
		"outside": filepath.Join(outside, "env.yaml"),
		"dotdot":  "../" + filepath.Base(outside) + "/env.yaml",
		"symlink": "link.yaml",
		"git":     "git@github.com:acme/envs.git//env.yaml",
		"missing": "nope.yaml",
	} {
		t.Run(name, func(t *testing.T) {
			svc := write(t, tree, "svc.yaml", "name: api\nenvironments:\n  - name: e\n    path: "+envPath+
				"\nmodules:\n  - type: postgres\n  - type: aws-s3\n    bucket_name: \"b-{parent_name}\"\n    multi_az: true\n")
			rs, diags := load(t, svc, tree)
			if diags.HasErrors() || len(diags.Gaps()) != 2 {
				t.Fatalf("want two gaps (the environment, the postgres alias), got %v", diags)
			}
			if !strings.Contains(diags[0].Summary, `environment "e" not read`) || diags[0].Pos.Line != 3 {
				t.Errorf("first gap %v", diags[0])
			}
			for _, r := range rs {
				if strings.Contains(r.Type, "rds") {
					t.Errorf("postgres resolved without knowing the cloud: %s", r.Address)
				}
				if r.Type == "aws_s3_bucket" && !slices.Contains(r.Unknown, "bucket") {
					t.Errorf("bucket name depends on the unread environment but is %v", r.Attributes["bucket"])
				}
			}
		})
	}
}

func TestLoad_UnknownDecidesResources(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "env.yaml", `name: e
org_name: x
providers:
  aws: {region: us-east-1}
modules:
  - type: postgres
    multi_az: "${{module.flags.multi}}"
  - type: aws-s3
    bucket_name: b
    same_region_replication: "${{module.flags.replicate}}"
`)
	rs, diags := load(t, p, dir)
	if diags.HasErrors() || len(diags.Gaps()) != 2 {
		t.Fatalf("want two gaps, got %v", diags)
	}
	m := byAddress(rs, p)
	if r, ok := m["module.postgres.aws_rds_cluster_instance.db_instance"]; !ok || !slices.Contains(r.Unknown, "cluster_identifier") || len(r.Refs) != 0 {
		t.Errorf("the instance multi_az may add is not emitted with an unknown cluster: %+v", r)
	}
	if r, ok := m["module.awss3.aws_s3_bucket_replication_configuration.bucket"]; !ok || !slices.Contains(r.Unknown, "rule") {
		t.Errorf("the replication same_region_replication may add is not emitted with unknown rules: %+v", r)
	}
}

func TestLoad_Errors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line, col int
		detail    string
	}{
		{"syntax", "name: a\norg_name: b\nmodules: [\n  - type: base\n", 3, 0, "did not find expected node content"},
		{"no name", "org_name: b\nmodules:\n  - type: base\n", 1, 1, "needs a name"},
		{"module without type", "name: a\norg_name: b\nmodules:\n  - name: x\n", 4, 5, "needs a type"},
		{"bad module name", "name: a\norg_name: b\nmodules:\n  - type: base\n    name: my-base\n", 4, 5, "only letters and digits"},
		{"duplicate module", "name: a\norg_name: b\nmodules:\n  - type: base\n  - type: base\n", 5, 5, "used twice"},
		{"undeclared variable", "name: a\norg_name: b\nproviders: {aws: {}}\nmodules:\n  - type: aws-s3\n    bucket_name: \"x-{vars.nope}\"\n", 6, 18, `no variable "nope"`},
		{"unknown name", "name: a\norg_name: b\nproviders: {aws: {}}\nmodules:\n  - type: aws-s3\n    bucket_name: \"{nope}\"\n", 6, 18, `unknown name "nope"`},
		{"not a boolean", "name: a\norg_name: b\nproviders: {aws: {}}\nmodules:\n  - type: postgres\n    multi_az: often\n", 6, 15, "want true or false"},
		{"missing bucket name", "name: a\norg_name: b\nproviders: {aws: {}}\nmodules:\n  - type: aws-s3\n", 5, 5, "needs a bucket_name"},
		{"bad policy", "name: a\norg_name: b\nproviders: {aws: {}}\nmodules:\n  - type: aws-s3\n    bucket_name: x\n    bucket_policy: \"[1]\"\n", 7, 20, "not a policy document"},
		{"parent without environment", "name: a\norg_name: b\nproviders: {aws: {}}\nmodules:\n  - type: postgres\n    multi_az: \"{parent.x}\"\n", 6, 15, "no environment"},
		{"environment twice", "name: a\nenvironments:\n  - name: e\n    path: x.yaml\n  - name: e\n    path: y.yaml\nmodules:\n  - type: base\n", 5, 5, "listed twice"},
		{"environments not a list", "name: a\nenvironments: x\nmodules:\n  - type: base\n", 2, 15, "must be a list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := opta.Load("f.yaml", []byte(tc.src), opta.Options{})
			if !diags.HasErrors() {
				t.Fatalf("no error; diagnostics %v", diags)
			}
			d := diags[0]
			if d.Pos != (attest.Pos{File: "f.yaml", Line: tc.line, Column: tc.col}) || !strings.Contains(d.Detail, tc.detail) {
				t.Errorf("got %v, want f.yaml:%d:%d ... %s", d, tc.line, tc.col, tc.detail)
			}
		})
	}
}

func TestLoad_UnmappedModules(t *testing.T) {
	src := "name: a\norg_name: b\nproviders:\n  google: {region: us-central1}\nmodules:\n  - type: custom-terraform\n  - type: k8s-service\n"
	rs, diags := opta.Load("f.yaml", []byte(src), opta.Options{})
	if len(rs) != 0 || len(diags) != 1 || diags[0].Severity != attest.DiagGap || !strings.Contains(diags[0].Summary, `"custom-terraform" is not mapped`) {
		t.Errorf("resources %v, diagnostics %v", rs, diags)
	}
}

func TestLoad_AliasBomb(t *testing.T) {
	src := "name: a\norg_name: b\nproviders: {aws: {}}\nx0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
	for i := 1; i < 9; i++ {
		src += fmt.Sprintf("x%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	src += "modules:\n  - type: aws-s3\n    bucket_name: b\n    cors_rule: *a8\n"
	_, diags := opta.Load("f.yaml", []byte(src), opta.Options{})
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "more than 100000 nodes") {
		t.Errorf("diagnostics %v", diags)
	}
}

func TestLoad_GCP(t *testing.T) {
	src := `name: gcp
org_name: acme
providers:
  google: {region: us-central1, project: acme}
modules:
  - type: k8s-cluster
  - name: site
    type: gcp-gcs
    bucket_name: acme-site
    block_public: false
  - name: private
    type: gcp-gcs
    bucket_name: acme-private
`
	rs, diags := opta.Load("f.yaml", []byte(src), opta.Options{})
	if len(diags) != 0 {
		t.Fatalf("diagnostics %v", diags)
	}
	var got []string
	for _, r := range rs {
		got = append(got, r.Address)
	}
	want := []string{"module.k8scluster.google_container_cluster.primary", "module.site.google_storage_bucket.bucket",
		"module.site.google_storage_bucket_iam_member.viewer[0]", "module.private.google_storage_bucket.bucket"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
	if p := rs[0].Provider; p != "google" {
		t.Errorf("provider %q", p)
	}
}

func TestLoad_Interpolation(t *testing.T) {
	for _, tc := range []struct {
		template string
		want     any // nil: unknown
	}{
		{"plain", "plain"},
		{"{{braces}}", "{braces}"},
		{"{layer_name}-{env}-{parent_name}", "shared-shared-nil"},
		{"{aws.region}/{region}/{aws.account_id}", "us-east-1/us-east-1/123456789012"},
		{"{vars.n}-{vars.b}-{vars.s}", "3-True-x"},
		{"{vars.s:>4}", nil},
		{"${{module.other.name}}", nil},
		{"{state_storage}-x", nil},
		{"{aws.profile}", nil},
	} {
		t.Run(tc.template, func(t *testing.T) {
			src := "name: shared\norg_name: acme\nproviders:\n  aws:\n    region: us-east-1\n    account_id: \"123456789012\"\n" +
				"input_variables:\n  - name: n\n    default: 3\n  - name: b\n    default: true\n  - name: s\n    default: x\n" +
				"modules:\n  - type: aws-s3\n    bucket_name: '" + tc.template + "'\n"
			rs, diags := opta.Load("f.yaml", []byte(src), opta.Options{})
			if len(diags) != 0 || len(rs) == 0 {
				t.Fatalf("diagnostics %v", diags)
			}
			b := rs[0]
			got, known := b.Attributes["bucket"]
			if tc.want == nil {
				if known || !slices.Contains(b.Unknown, "bucket") {
					t.Errorf("bucket = %v, want unknown", got)
				}
				return
			}
			if got != tc.want {
				t.Errorf("bucket = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestLoad_IAM(t *testing.T) {
	src := "name: prod\norg_name: acme\nproviders: {aws: {}}\nmodules:\n  - name: ci\n    type: aws-iam-role\n" +
		"    iam_policy: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: \"s3:*\", Resource: \"*\"}]}\n" +
		"    extra_iam_policies: [\"arn:aws:iam::aws:policy/ReadOnlyAccess\"]\n  - name: bad\n    type: aws-iam-user\n"
	rs, diags := opta.Load("f.yaml", []byte(src), opta.Options{})
	if len(diags) != 1 || diags[0].Pos.Line != 9 || !strings.Contains(diags[0].Detail, "needs an iam_policy") {
		t.Errorf("diagnostics %v", diags)
	}
	m := byAddress(rs, "f.yaml")
	att := m["module.ci.aws_iam_role_policy_attachment.extra_policies_attachment[0]"]
	if att.Attributes["policy_arn"] != "arn:aws:iam::aws:policy/ReadOnlyAccess" || !slices.Equal(att.Refs["role"], []string{"module.ci.aws_iam_role.role"}) {
		t.Errorf("extra attachment %+v", att)
	}
	if got := m["module.ci.aws_iam_role.role"].Attributes["name"]; got != "prod-prod-ci" {
		t.Errorf("role name %v", got)
	}
}

// TestLoad_GCPAndAzure loads every GCP and Azure module type Opta has that
// creates cloud resources: the Terraform resources of each, with the
// settings Opta's modules give them, and the gaps where an input is known
// only at apply time.
func TestLoad_GCPAndAzure(t *testing.T) {
	gcp := `name: gcp
org_name: acme
providers:
  google: {region: us-central1, project: acme}
modules:
  - type: base
  - type: postgres
    safety: true
  - name: orders
    type: mysql
  - type: redis
    high_availability: false
  - type: dns
    domain: acme.example
  - type: gcp-nodepool
    preemptible: true
  - name: worker
    type: gcp-service-account
    additional_iam_roles: [roles/pubsub.subscriber]
    read_buckets: [acme-assets]
    write_buckets: [acme-uploads]
    allowed_k8s_services: [{namespace: app, service_account_name: worker}]
    links: [assets]
`
	rs, diags := opta.Load("gcp.yaml", []byte(gcp), opta.Options{})
	if len(diags) != 1 || diags[0].Severity != attest.DiagGap || diags[0].Pos.Line != 23 || !strings.Contains(diags[0].Summary, "links") {
		t.Errorf("diagnostics %v, want one gap for the links", diags)
	}
	m := byAddress(rs, "gcp.yaml")
	for addr, want := range map[string]map[string]any{
		"module.base.google_compute_network.vpc":                                     {"auto_create_subnetworks": false, "name": "opta-gcp"},
		"module.base.google_compute_subnetwork.project_subnet":                       {"ip_cidr_range": "10.0.0.0/19", "private_ip_google_access": true},
		"module.base.google_compute_firewall.firewall":                               {"direction": "INGRESS", "source_ranges": []any{"10.0.0.0/19"}},
		"module.base.google_kms_crypto_key.key":                                      {"rotation_period": "7776000s"},
		"module.postgres.google_sql_database_instance.instance":                      {"database_version": "POSTGRES_11", "deletion_protection": true},
		"module.orders.google_sql_database_instance.instance":                        {"database_version": "MYSQL_5_7", "deletion_protection": false},
		"module.redis.google_redis_instance.main":                                    {"tier": "BASIC", "auth_enabled": true, "name": "opta-gcp-redis"},
		"module.dns.google_dns_managed_zone.public":                                  {"dns_name": "acme.example."},
		"module.gcpnodepool.google_container_node_pool.node_pool":                    {},
		"module.worker.google_service_account.k8s_service":                           {},
		"module.worker.google_service_account_iam_binding.trust_k8s_workload_idu[0]": {"role": "roles/iam.workloadIdentityUser"},
		"module.worker.google_project_iam_member.project[0]":                         {"role": "roles/pubsub.subscriber"},
		"module.worker.google_storage_bucket_iam_member.bucket_viewer[0]":            {"bucket": "acme-assets", "role": "roles/storage.objectViewer"},
		"module.worker.google_storage_bucket_iam_member.viewer[0]":                   {"bucket": "acme-uploads", "role": "roles/storage.objectAdmin"},
	} {
		r, ok := m[addr]
		if !ok {
			t.Errorf("no %s", addr)
			continue
		}
		if r.Provider != "google" || r.Format != attest.FormatOpta {
			t.Errorf("%s: provider %q, format %q", addr, r.Provider, r.Format)
		}
		for k, v := range want {
			if diff := cmp.Diff(v, r.Attributes[k]); diff != "" {
				t.Errorf("%s.%s (-want +got):\n%s", addr, k, diff)
			}
		}
	}
	pg := m["module.postgres.google_sql_database_instance.instance"].Attributes["settings"].([]any)[0].(map[string]any)
	if pg["availability_type"] != "REGIONAL" || pg["ip_configuration"].([]any)[0].(map[string]any)["require_ssl"] != false || len(pg["database_flags"].([]any)) != 5 {
		t.Errorf("postgres settings %v", pg)
	}
	node := m["module.gcpnodepool.google_container_node_pool.node_pool"]
	if cfg := node.Attributes["node_config"].([]any)[0].(map[string]any); cfg["preemptible"] != true || !slices.Equal(node.Refs["node_config.0.service_account"], []string{"module.gcpnodepool.google_service_account.gke_node"}) {
		t.Errorf("node pool %+v", node)
	}

	azure := `name: az
org_name: acme
providers:
  azurerm: {location: westeurope, tenant_id: t, subscription_id: s}
modules:
  - type: base
  - type: k8s-cluster
    min_nodes: 2
    admin_group_object_ids: [g1]
  - type: postgres
  - type: redis
    capacity: "{vars.size}"
`
	rs, diags = opta.Load("az.yaml", []byte(azure), opta.Options{})
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "az.yaml:12") {
		t.Errorf("diagnostics %v, want the undeclared variable at az.yaml:12", diags)
	}
	m = byAddress(rs, "az.yaml")
	for addr, want := range map[string]map[string]any{
		"module.base.azurerm_key_vault.opta":                        {"purge_protection_enabled": true},
		"module.base.azurerm_key_vault_key.acr":                     {"name": "opta-az-acr", "key_type": "RSA"},
		"module.base.azurerm_storage_account.infra_logging":         {"enable_https_traffic_only": true, "min_tls_version": "TLS1_2"},
		"module.base.azurerm_network_security_rule.internal":        {"direction": "Inbound", "source_address_prefix": "10.0.0.0/16"},
		"module.base.azurerm_network_watcher_flow_log.vpc_flow_log": {"enabled": true},
		"module.base.azurerm_container_registry.acr":                {"sku": "Premium"},
		"module.base.azurerm_virtual_network.opta":                  {"address_space": []any{"10.0.0.0/16"}},
		"module.k8scluster.azurerm_kubernetes_cluster.main":         {"kubernetes_version": "1.21.9"},
		"module.postgres.azurerm_postgresql_server.opta":            {"public_network_access_enabled": false, "ssl_enforcement_enabled": true, "version": "11"},
	} {
		r, ok := m[addr]
		if !ok {
			t.Errorf("no %s", addr)
			continue
		}
		if r.Provider != "azurerm" {
			t.Errorf("%s: provider %q", addr, r.Provider)
		}
		for k, v := range want {
			if diff := cmp.Diff(v, r.Attributes[k]); diff != "" {
				t.Errorf("%s.%s (-want +got):\n%s", addr, k, diff)
			}
		}
	}
	pool := m["module.k8scluster.azurerm_kubernetes_cluster.main"].Attributes["default_node_pool"].([]any)[0].(map[string]any)
	if pool["min_count"] != int64(2) || pool["max_count"] != int64(5) {
		t.Errorf("node pool %v", pool)
	}
	if _, ok := m["module.redis.azurerm_redis_cache.opta"]; ok {
		t.Error("redis emitted despite its input error")
	}
	flow := m["module.base.azurerm_network_watcher_flow_log.vpc_flow_log"]
	if !slices.Equal(flow.Refs["network_security_group_id"], []string{"module.base.azurerm_network_security_group.opta"}) {
		t.Errorf("flow log refs %v", flow.Refs)
	}
}

func TestLoad_GCPUnknownInputs(t *testing.T) {
	src := "name: gcp\norg_name: acme\nproviders:\n  google: {region: r, project: p}\nmodules:\n" +
		"  - type: postgres\n    safety: ${{module.x.y}}\n  - type: redis\n    high_availability: ${{module.x.y}}\n" +
		"  - type: dns\n"
	rs, diags := opta.Load("f.yaml", []byte(src), opta.Options{})
	m := byAddress(rs, "f.yaml")
	if db := m["module.postgres.google_sql_database_instance.instance"]; !slices.Contains(db.Unknown, "deletion_protection") {
		t.Errorf("deletion_protection not unknown: %+v", db)
	}
	if r := m["module.redis.google_redis_instance.main"]; !slices.Contains(r.Unknown, "tier") {
		t.Errorf("tier not unknown: %+v", r)
	}
	var gaps, errs int
	for _, d := range diags {
		switch d.Severity {
		case attest.DiagGap:
			gaps++
		case attest.DiagError:
			errs++
			if d.Pos.Line != 10 || !strings.Contains(d.Detail, "needs a domain") {
				t.Errorf("error %v", d)
			}
		}
	}
	// Unknown inputs that only set an attribute make it unknown, no gap.
	if gaps != 0 || errs != 1 {
		t.Errorf("diagnostics %v: want only the missing domain", diags)
	}
}
