package opta

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/attest-dev/attest"
)

// unknownElement is what a rendered policy document holds for an element
// that is only known at apply time (the same string the Terraform loader
// writes, which the rules' library reads as "could be anything").
const unknownElement = "(known after apply)"

// emitter collects the resources of one module in one layer.
type emitter struct {
	layer *layer
	mod   *module
	in    *inputs
	out   []attest.Resource
	diags attest.Diagnostics
	// failed is set by the first input error; nothing more is emitted.
	failed bool
}

// add emits a resource of a Terraform type at the module's lines, its
// address as Opta's Terraform names it (module.<name>.<type>.<name>[index];
// index < 0 for a resource without count). Attribute values that are
// unknown{} are left out of the attributes and listed in Unknown.
func (e *emitter) add(typ, name string, index int, attrs map[string]any) *attest.Resource {
	addr := fmt.Sprintf("module.%s.%s.%s", e.mod.name, typ, name)
	if index >= 0 {
		addr += "[" + strconv.Itoa(index) + "]"
	}
	r := attest.Resource{
		Type:     typ,
		Address:  addr,
		Mode:     "managed",
		Provider: providerOf(typ),
		Format:   attest.FormatOpta,
		Root:     e.layer.root,
		Module:   "module." + e.mod.name,
		Range:    attest.Range{File: e.layer.file.path, StartLine: e.mod.start, EndLine: e.mod.end},
	}
	r.Attributes, r.Unknown = split(attrs, "")
	e.out = append(e.out, r)
	return &e.out[len(e.out)-1]
}

func providerOf(typ string) string {
	for _, p := range []string{"aws", "google", "azurerm"} {
		if len(typ) > len(p) && typ[:len(p)+1] == p+"_" {
			return p
		}
	}
	return ""
}

// split removes the unknown{} values of a JSON-like map, returning the rest
// and the dot paths of what was removed.
func split(attrs map[string]any, prefix string) (map[string]any, []string) {
	out := make(map[string]any, len(attrs))
	var unknowns []string
	for _, k := range sortedKeys(attrs) {
		p := prefix + k
		switch v := attrs[k].(type) {
		case unknown:
			unknowns = append(unknowns, p)
		case map[string]any:
			sub, u := split(v, p+".")
			out[k] = sub
			unknowns = append(unknowns, u...)
		case []any:
			list := make([]any, len(v))
			for i, el := range v {
				ep := p + "." + strconv.Itoa(i)
				switch x := el.(type) {
				case unknown:
					unknowns = append(unknowns, ep)
				case map[string]any:
					sub, u := split(x, ep+".")
					list[i] = sub
					unknowns = append(unknowns, u...)
				default:
					list[i] = x
				}
			}
			out[k] = list
		default:
			out[k] = v
		}
	}
	return out, unknowns
}

// ref records that the attribute at path of r refers to the resources at
// the addresses.
func ref(r *attest.Resource, path string, addrs ...string) {
	if r.Refs == nil {
		r.Refs = map[string][]string{}
	}
	r.Refs[path] = append(r.Refs[path], addrs...)
}

// fail records an input error; the module emits nothing.
func (e *emitter) fail(err error) {
	if e.failed {
		return
	}
	e.failed = true
	e.out = nil
	d := attest.Diagnostic{Severity: attest.DiagError, Pos: attest.Pos{File: e.layer.file.path, Line: e.mod.node.Line, Column: e.mod.node.Column},
		Summary: "invalid Opta file", Detail: fmt.Sprintf("module %s: %v", e.mod.name, err)}
	var pe *parseError
	if errors.As(err, &pe) && pe.line > 0 {
		d.Pos.Line, d.Pos.Column = pe.line, pe.col
	}
	e.diags = append(e.diags, d)
}

// gapCount records that an input only known at apply time decides whether
// (or how many of) some resources exist.
func (e *emitter) gapCount(input, what string) {
	n := e.in.nodes[input]
	pos := attest.Pos{File: e.layer.file.path, Line: e.mod.node.Line, Column: e.mod.node.Column}
	if n != nil {
		pos.Line, pos.Column = n.Line, n.Column
	}
	e.diags = append(e.diags, attest.Diagnostic{Severity: attest.DiagGap, Pos: pos,
		Summary: fmt.Sprintf("module %s: %s is only known at apply time", e.mod.name, input),
		Detail:  what + " are checked as unknown", Affected: 1})
}

func (e *emitter) boolean(name string, def bool) tri {
	t, err := e.in.boolean(name, def)
	if err != nil {
		e.fail(err)
	}
	return t
}

func (e *emitter) number(name string, def int64) any {
	n, ok, err := e.in.number(name, def)
	if err != nil {
		e.fail(err)
	}
	if !ok {
		return unknown{}
	}
	return n
}

func (e *emitter) str(name string, def any) any {
	v, err := e.in.str(name, def)
	if err != nil {
		e.fail(err)
	}
	return v
}

// triValue is a tri as an attribute value.
func triValue(t tri) any {
	switch t {
	case triTrue:
		return true
	case triFalse:
		return false
	}
	return unknown{}
}

// concat joins strings, unknown if any part is.
func concat(parts ...any) any {
	var s string
	for _, p := range parts {
		str, ok := p.(string)
		if !ok {
			return unknown{}
		}
		s += str
	}
	return s
}

// builders map each module type to the resources Opta's Terraform for it
// creates. See doc.go for the table.
var builders = map[string]func(*emitter){
	"aws-base":            awsBase,
	"aws-s3":              awsS3,
	"aws-postgres":        func(e *emitter) { awsAurora(e, "aurora-postgresql", "11.9", true) },
	"aws-mysql":           func(e *emitter) { awsAurora(e, "aurora-mysql", "5.7.mysql_aurora.2.04.2", false) },
	"aws-eks":             awsEKS,
	"aws-dynamodb":        awsDynamoDB,
	"aws-documentdb":      awsDocumentDB,
	"aws-redis":           awsRedis,
	"aws-iam-user":        func(e *emitter) { awsIAM(e, "user") },
	"aws-iam-role":        func(e *emitter) { awsIAM(e, "role") },
	"gcp-gcs":             gcpGCS,
	"gcp-gke":             gcpGKE,
	"gcp-base":            gcpBase,
	"gcp-postgres":        func(e *emitter) { gcpSQL(e, "POSTGRES", "11") },
	"gcp-mysql":           func(e *emitter) { gcpSQL(e, "MYSQL", "5_7") },
	"gcp-redis":           gcpRedis,
	"gcp-dns":             gcpDNS,
	"gcp-nodepool":        gcpNodePool,
	"gcp-service-account": gcpServiceAccount,
	"azure-base":          azureBase,
	"azure-aks":           azureAKS,
	"azure-postgres":      azurePostgres,
	"azure-redis":         azureRedis,
}

// bucketFamily emits the resources Opta attaches to every bucket it
// creates: versioning, AES256 default encryption, a public access block,
// access logging to the base module's log bucket, and a bucket policy.
type bucketFamily struct {
	name        string // Terraform name of the bucket
	index       int
	versioning  string
	encryption  string
	block       string // public access block name, "" for none
	blockIndex  int
	blockState  tri
	logging     string // logging name, "" for none
	logIndex    int
	logTarget   any
	logState    tri    // triUnknown: whether Opta logs the bucket is unknown
	policy      string // bucket policy name, "" for none
	policyIndex int
	statements  []any
}

func (e *emitter) bucket(bucketName any, f bucketFamily) *attest.Resource {
	b := e.add("aws_s3_bucket", f.name, f.index, map[string]any{"bucket": bucketName, "force_destroy": true})
	addr := b.Address
	link := func(r *attest.Resource) { ref(r, "bucket", addr) }
	link(e.add("aws_s3_bucket_versioning", f.versioning, f.index, map[string]any{
		"bucket": unknown{}, "versioning_configuration": []any{map[string]any{"status": "Enabled"}}}))
	link(e.add("aws_s3_bucket_server_side_encryption_configuration", f.encryption, f.index, map[string]any{
		"bucket": unknown{}, "rule": []any{map[string]any{"bucket_key_enabled": false,
			"apply_server_side_encryption_by_default": []any{map[string]any{"sse_algorithm": "AES256"}}}}}))
	if f.block != "" && f.blockState != triFalse {
		flag := triValue(f.blockState)
		idx := f.blockIndex
		if f.blockState == triUnknown {
			idx = -1
		}
		link(e.add("aws_s3_bucket_public_access_block", f.block, idx, map[string]any{"bucket": unknown{},
			"block_public_acls": flag, "block_public_policy": flag, "ignore_public_acls": flag, "restrict_public_buckets": flag}))
	}
	if f.logging != "" {
		attrs := map[string]any{"bucket": unknown{}, "target_bucket": f.logTarget, "target_prefix": "log/"}
		if f.logState == triUnknown {
			// It may exist; which bucket it logs is not known to the join.
			e.add("aws_s3_bucket_logging", f.logging, -1, attrs)
		} else {
			link(e.add("aws_s3_bucket_logging", f.logging, f.logIndex, attrs))
		}
	}
	if f.policy != "" {
		doc, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": f.statements})
		link(e.add("aws_s3_bucket_policy", f.policy, f.policyIndex, map[string]any{"bucket": unknown{}, "policy": string(doc)}))
	}
	return b
}

// denyInsecure is the statement Opta puts on the buckets it fully controls
// (the log bucket, the replica) that refuses requests without TLS.
func denyInsecure() map[string]any {
	return map[string]any{
		"Effect": "Deny", "Action": "s3:*",
		"Principal": "*", "Resource": []any{unknownElement, unknownElement},
		"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": []any{"false"}}},
	}
}

// awsS3 is aws-s3: a bucket with versioning, AES256 encryption, a public
// access block (block_public, default true), access logging when a base
// module provides the log bucket, a bucket policy made of the user's
// bucket_policy and a CloudFront read statement, and with
// same_region_replication a replica bucket (with a TLS-only policy) and a
// replication configuration.
func awsS3(e *emitter) {
	name := e.str("bucket_name", nil)
	if name == nil && !e.failed {
		e.fail(e.in.errorf("bucket_name", "aws-s3 needs a bucket_name"))
	}
	replication := e.boolean("same_region_replication", false)
	block := e.boolean("block_public", true)
	logTarget, logState := e.logBucket()
	hasLog := logState != triFalse
	userStatements, err := policyStatements(e.in.data["bucket_policy"])
	if err != nil {
		e.fail(e.in.errorf("bucket_policy", "%v", err))
	}
	if e.failed {
		return
	}
	statements := append(userStatements, map[string]any{
		"Effect": "Allow", "Action": []any{"s3:ListBucket", "s3:GetObject"},
		"Principal": map[string]any{"AWS": []any{unknownElement}}, "Resource": []any{unknownElement, unknownElement},
	})
	fam := bucketFamily{name: "bucket", index: -1, versioning: "bucket", encryption: "bucket",
		block: "block", blockState: block, policy: "policy", policyIndex: -1, statements: statements}
	if hasLog {
		fam.logging, fam.logTarget, fam.logState = "bucket", logTarget, logState
	}
	bucket := e.bucket(name, fam)
	bucketAddr := bucket.Address

	if block == triUnknown {
		e.gapCount("block_public", "the bucket's public access block settings")
	}
	switch replication {
	case triTrue:
		replica := e.bucket(concat(name, "-replica"), bucketFamily{name: "replica", index: 0, versioning: "replica",
			encryption: "replica", block: "block_for_replica", blockState: triTrue, logging: logName(hasLog, "replica"),
			logTarget: logTarget, logState: logState, policy: "replica_bucket_policy", statements: []any{denyInsecure()}})
		cfg := e.add("aws_s3_bucket_replication_configuration", "bucket", 0, map[string]any{
			"bucket": unknown{}, "role": unknown{},
			"rule": []any{map[string]any{"id": "default", "status": "Enabled",
				"destination": []any{map[string]any{"bucket": unknown{}, "storage_class": "STANDARD"}}}},
		})
		ref(cfg, "bucket", bucketAddr)
		ref(cfg, "rule.0.destination.0.bucket", replica.Address)
	case triUnknown:
		cfg := e.add("aws_s3_bucket_replication_configuration", "bucket", -1, map[string]any{
			"bucket": unknown{}, "role": unknown{}, "rule": unknown{}})
		ref(cfg, "bucket", bucketAddr)
		e.gapCount("same_region_replication", "the replica bucket and the replication rule")
	}
	e.linkLogTarget()
}

func logName(has bool, name string) string {
	if has {
		return name
	}
	return ""
}

// logBucket is the access log bucket an aws-s3 module logs to: the one it
// names, or the base module's (whose name is random, so unknown). Whether
// there is one is unknown when the environment file was not read.
func (e *emitter) logBucket() (any, tri) {
	if v, ok := e.in.data["s3_log_bucket_name"]; ok && v != nil {
		return e.str("s3_log_bucket_name", nil), triTrue
	}
	if e.layer.hasBase("aws-base") {
		return unknown{}, triTrue
	}
	if e.layer.parentUnread {
		return unknown{}, triUnknown
	}
	return nil, triFalse
}

// linkLogTarget refers the target_bucket of the logging resources emitted so
// far to the log bucket of an aws-base module in the same layer, which is
// the bucket Opta sends them to.
func (e *emitter) linkLogTarget() {
	if _, given := e.in.data["s3_log_bucket_name"]; given {
		return
	}
	var base string
	for _, m := range e.layer.file.modules {
		if resolveType(e.layer.cloud, m.typ) == "aws-base" {
			base = m.name
			break
		}
	}
	if base == "" {
		return
	}
	for i := range e.out {
		r := &e.out[i]
		if r.Type == "aws_s3_bucket_logging" && len(r.Refs["target_bucket"]) == 0 {
			ref(r, "target_bucket", "module."+base+".aws_s3_bucket.log_bucket")
		}
	}
}

// policyStatements reads the statements of a user's bucket_policy (a policy
// document as a mapping, or as a JSON string), with values only known at
// apply time replaced by unknownElement.
func policyStatements(v any) ([]any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case unknown:
		return []any{unknownElement}, nil
	case string:
		var doc any
		if err := json.Unmarshal([]byte(x), &doc); err != nil {
			return nil, fmt.Errorf("not a policy document: %v", err)
		}
		return policyStatements(doc)
	case map[string]any:
		st, ok := x["Statement"]
		if !ok {
			return nil, errors.New("the policy document has no Statement")
		}
		st = opaque(st)
		if list, ok := st.([]any); ok {
			return list, nil
		}
		return []any{st}, nil
	}
	return nil, errors.New("not a policy document")
}

// opaque replaces unknown{} values with unknownElement.
func opaque(v any) any {
	switch x := v.(type) {
	case unknown:
		return unknownElement
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = opaque(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = opaque(e)
		}
		return out
	}
	return v
}

// awsBase is aws-base: the environment's KMS key (rotated), EBS encryption
// by default, the log bucket (TLS-only policy, public access blocked,
// versioned, encrypted) and, unless vpc_id names an existing VPC, the VPC
// with flow logs to a KMS-encrypted log group.
func awsBase(e *emitter) {
	retention := e.number("vpc_log_retention", 90)
	cidr := e.str("total_ipv4_cidr_block", "10.0.0.0/16")
	vpcID := e.str("vpc_id", nil)
	if e.failed {
		return
	}
	key := e.add("aws_kms_key", "key", -1, map[string]any{
		"enable_key_rotation": true, "policy": unknown{}})
	e.add("aws_ebs_encryption_by_default", "default", -1, map[string]any{"enabled": true})
	e.bucket(unknown{}, bucketFamily{name: "log_bucket", index: -1, versioning: "log_bucket", encryption: "log_bucket",
		block: "log_bucket", blockState: triTrue, blockIndex: -1, policy: "log_bucket_policy", policyIndex: -1,
		statements: []any{map[string]any{"Effect": "Allow", "Action": "s3:PutObject",
			"Principal": map[string]any{"Service": "delivery.logs.amazonaws.com"}, "Resource": unknownElement}, denyInsecure()}})
	acl := e.add("aws_s3_bucket_acl", "log_bucket", -1, map[string]any{"bucket": unknown{}, "acl": "log-delivery-write"})
	ref(acl, "bucket", "module."+e.mod.name+".aws_s3_bucket.log_bucket")
	// The databases' security groups admit the VPC's own range: known when
	// Opta creates the VPC, read from the existing one otherwise.
	var cidrs any = unknown{}
	if vpcID == nil {
		if c, ok := cidr.(string); ok {
			cidrs = []any{c}
		}
	}
	for _, sg := range []struct {
		name  string
		ports []int64
	}{
		{"db", []int64{5432, 3306}}, // PostgreSQL, MySQL
		{"elasticache", []int64{6379}},
		{"documentdb", []int64{27017}},
	} {
		var ingress []any
		for _, port := range sg.ports {
			ingress = append(ingress, map[string]any{"from_port": port, "to_port": port, "protocol": "tcp", "cidr_blocks": cidrs})
		}
		e.add("aws_security_group", sg.name, -1, map[string]any{"name": concat("opta-", e.layer.file.name, "-", sg.name, "-sg"),
			"vpc_id": unknown{}, "ingress": ingress})
	}
	switch vpcID.(type) {
	case nil:
		vpc := e.add("aws_vpc", "vpc", 0, map[string]any{"cidr_block": cidr, "enable_dns_hostnames": true, "enable_dns_support": true})
		group := e.add("aws_cloudwatch_log_group", "vpc_flow_log", 0, map[string]any{"name": unknown{},
			"kms_key_id": unknown{}, "retention_in_days": retention})
		ref(group, "kms_key_id", key.Address)
		flow := e.add("aws_flow_log", "vpc", 0, map[string]any{"vpc_id": unknown{}, "traffic_type": "ALL",
			"log_destination": unknown{}, "iam_role_arn": unknown{}})
		ref(flow, "vpc_id", vpc.Address)
		ref(flow, "log_destination", group.Address)
	case unknown:
		e.gapCount("vpc_id", "the VPC and its flow logs")
	}
}

// awsAurora is aws-postgres and aws-mysql: an Aurora cluster (encrypted with
// the environment's key, backup_retention_days, deletion protection from
// safety) with one instance, or two in different zones with multi_az.
// aws-postgres joins an existing global database as "secondary".
func awsAurora(e *emitter, engine, defaultVersion string, global bool) {
	multiAZ := e.boolean("multi_az", false)
	safety := e.boolean("safety", false)
	retention := e.number("backup_retention_days", 7)
	version := e.str("engine_version", defaultVersion)
	class := e.str("instance_class", "db.t3.medium")
	if e.failed {
		return
	}
	name, index := "db_cluster", 0
	if !global {
		index = -1
	} else if v, ok := e.in.data["existing_global_database_id"]; ok && v != nil {
		name = "secondary"
	}
	cluster := e.add("aws_rds_cluster", name, index, map[string]any{
		"cluster_identifier": unknown{}, "db_subnet_group_name": concat("opta-", e.layer.env()),
		"engine": engine, "engine_version": version, "backup_retention_period": retention,
		"apply_immediately": true, "skip_final_snapshot": true, "storage_encrypted": true,
		"kms_key_id": unknown{}, "deletion_protection": triValue(safety), "copy_tags_to_snapshot": true,
	})
	instance := func(index int) {
		r := e.add("aws_rds_cluster_instance", instanceName(name), index, map[string]any{
			"identifier": unknown{}, "cluster_identifier": unknown{}, "instance_class": class,
			"engine": engine, "engine_version": version, "apply_immediately": true,
			"auto_minor_version_upgrade": false, "performance_insights_enabled": true,
			"performance_insights_kms_key_id": unknown{},
		})
		ref(r, "cluster_identifier", cluster.Address)
	}
	instance(0)
	switch multiAZ {
	case triTrue:
		instance(1)
	case triUnknown:
		// The second instance may exist; which cluster it joins is
		// unknown to the join, so the cluster's spread is unknown.
		e.add("aws_rds_cluster_instance", instanceName(name), -1, map[string]any{"cluster_identifier": unknown{}})
		e.gapCount("multi_az", "the second instance and the cluster's zones")
	}
}

func instanceName(cluster string) string {
	if cluster == "secondary" {
		return "secondary"
	}
	return "db_instance"
}

// awsEKS is aws-eks: the cluster (public endpoint, secrets encrypted with
// the environment's key, every control plane log type) and its log group
// (eks_log_retention days, encrypted with the environment's key).
func awsEKS(e *emitter) {
	retention := e.number("eks_log_retention", 7)
	version := e.str("k8s_version", "1.21")
	if e.failed {
		return
	}
	e.add("aws_eks_cluster", "cluster", -1, map[string]any{
		"name": unknown{}, "role_arn": unknown{}, "version": version,
		"vpc_config": []any{map[string]any{"subnet_ids": unknown{}, "security_group_ids": unknown{},
			"endpoint_private_access": false, "endpoint_public_access": true}},
		"encryption_config": []any{map[string]any{"resources": []any{"secrets"},
			"provider": []any{map[string]any{"key_arn": unknown{}}}}},
		"enabled_cluster_log_types": []any{"api", "audit", "authenticator", "controllerManager", "scheduler"},
	})
	e.add("aws_cloudwatch_log_group", "cluster_logs", -1, map[string]any{
		"name": concat("/aws/eks/opta-", e.layer.file.name, "/cluster"), "retention_in_days": retention, "kms_key_id": unknown{}})
	e.add("aws_security_group", "eks", -1, map[string]any{
		"name_prefix": "opta-" + e.layer.file.name, "vpc_id": unknown{},
		"ingress": []any{map[string]any{"from_port": int64(0), "to_port": int64(0),
			"protocol": "-1", "self": true}},
		"egress": []any{map[string]any{"from_port": int64(0), "to_port": int64(0),
			"protocol": "-1", "cidr_blocks": []any{"0.0.0.0/0"}}},
	})
}

// awsDynamoDB is aws-dynamodb: a table encrypted with its own rotated KMS
// key, with point-in-time recovery.
func awsDynamoDB(e *emitter) {
	read := e.number("read_capacity", 20)
	write := e.number("write_capacity", 20)
	hash := e.str("hash_key", "")
	rangeKey := e.str("range_key", nil)
	if e.failed {
		return
	}
	key := e.add("aws_kms_key", "key", -1, map[string]any{"enable_key_rotation": true, "policy": unknown{}})
	name := "table_no_range"
	attrs := map[string]any{"name": unknown{}, "hash_key": hash, "read_capacity": read, "write_capacity": write,
		"server_side_encryption": []any{map[string]any{"enabled": true, "kms_key_arn": unknown{}}},
		"point_in_time_recovery": []any{map[string]any{"enabled": true}}}
	if rangeKey != nil {
		name = "table_with_range"
		attrs["range_key"] = rangeKey
	}
	t := e.add("aws_dynamodb_table", name, 0, attrs)
	ref(t, "server_side_encryption.0.kms_key_arn", key.Address)
}

// awsDocumentDB is aws-documentdb: an encrypted cluster keeping backups 5
// days, with instance_count instances.
func awsDocumentDB(e *emitter) {
	count := e.number("instance_count", 1)
	protect := e.boolean("deletion_protection", false)
	class := e.str("instance_class", "db.r5.large")
	version := e.str("engine_version", "4.0.0")
	if e.failed {
		return
	}
	c := e.add("aws_docdb_cluster", "cluster", -1, map[string]any{
		"cluster_identifier": unknown{}, "engine_version": version, "storage_encrypted": true, "kms_key_id": unknown{},
		"backup_retention_period": int64(5), "skip_final_snapshot": true, "deletion_protection": triValue(protect),
		"db_subnet_group_name": concat("opta-", e.layer.env(), "-docdb"),
	})
	n, ok := count.(int64)
	if !ok {
		e.gapCount("instance_count", "the cluster's instances")
		return
	}
	for i := range int(min(n, 64)) {
		r := e.add("aws_docdb_cluster_instance", "cluster_instances", i, map[string]any{
			"identifier": unknown{}, "cluster_identifier": unknown{}, "instance_class": class, "auto_minor_version_upgrade": true})
		ref(r, "cluster_identifier", c.Address)
	}
}

// awsRedis is aws-redis: a replication group of two nodes across zones with
// encryption in transit and at rest and an auth token.
func awsRedis(e *emitter) {
	nodeType := e.str("node_type", "cache.m4.large")
	version := e.str("redis_version", "6.x")
	snapshots := e.number("snapshot_retention_limit", 0)
	if e.failed {
		return
	}
	e.add("aws_elasticache_replication_group", "redis_cluster", -1, map[string]any{
		"replication_group_id": unknown{}, "node_type": nodeType, "engine_version": version,
		"number_cache_clusters": int64(2), "port": int64(6379), "automatic_failover_enabled": true,
		"multi_az_enabled": true, "auto_minor_version_upgrade": true, "transit_encryption_enabled": true,
		"at_rest_encryption_enabled": true, "auth_token": unknown{}, "kms_key_id": unknown{},
		"snapshot_retention_limit": snapshots, "subnet_group_name": concat("opta-", e.layer.env()),
	})
}

// gcpGCS is gcp-gcs: a bucket with uniform bucket-level access, encrypted
// with the environment's KMS key, and, when block_public is false, read
// access for allUsers.
func gcpGCS(e *emitter) {
	name := e.str("bucket_name", nil)
	if name == nil && !e.failed {
		e.fail(e.in.errorf("bucket_name", "gcp-gcs needs a bucket_name"))
	}
	block := e.boolean("block_public", true)
	if e.failed {
		return
	}
	b := e.add("google_storage_bucket", "bucket", -1, map[string]any{
		"name": name, "location": unknown{}, "force_destroy": true, "uniform_bucket_level_access": true,
		"encryption": []any{map[string]any{"default_kms_key_name": unknown{}}},
	})
	switch block {
	case triFalse, triUnknown:
		idx := 0
		if block == triUnknown {
			idx = -1
			e.gapCount("block_public", "the allUsers read access")
		}
		m := e.add("google_storage_bucket_iam_member", "viewer", idx, map[string]any{
			"bucket": unknown{}, "role": "roles/storage.objectViewer", "member": "allUsers"})
		ref(m, "bucket", b.Address)
	}
}

// gcpGKE is gcp-gke: a cluster with private nodes but a public endpoint,
// shielded nodes, Calico network policy, application-layer secrets
// encryption with the environment's key and client certificates issued.
func gcpGKE(e *emitter) {
	channel := e.str("gke_channel", "REGULAR")
	if e.failed {
		return
	}
	e.add("google_container_cluster", "primary", -1, map[string]any{
		"name": unknown{}, "location": unknown{}, "remove_default_node_pool": true, "initial_node_count": int64(1),
		"enable_shielded_nodes": true,
		"private_cluster_config": []any{map[string]any{"enable_private_nodes": true, "enable_private_endpoint": false,
			"master_ipv4_cidr_block": unknown{}}},
		"network_policy":      []any{map[string]any{"enabled": true, "provider": "CALICO"}},
		"database_encryption": []any{map[string]any{"state": "ENCRYPTED", "key_name": unknown{}}},
		"master_auth": []any{map[string]any{"client_certificate_config": []any{
			map[string]any{"issue_client_certificate": true}}}},
		"release_channel": []any{map[string]any{"channel": channel}},
	})
}

// awsIAM is aws-iam-user and aws-iam-role: a managed policy from iam_policy
// (with statements Opta adds for links, whose content is not known here),
// the user or role, the policy attached to it, an inline policy that lets it
// pass itself, and each of extra_iam_policies attached.
func awsIAM(e *emitter, kind string) {
	raw, ok := e.in.data["iam_policy"]
	if !ok || raw == nil {
		e.fail(e.in.errorf("iam_policy", "aws-iam-%s needs an iam_policy", kind))
		return
	}
	statements, err := policyStatements(raw)
	if err != nil {
		e.fail(e.in.errorf("iam_policy", "%v", err))
		return
	}
	if links, ok := e.in.data["links"].([]any); ok && len(links) > 0 {
		statements = append(statements, unknownElement)
	}
	extra, _ := e.in.data["extra_iam_policies"].([]any)
	name := concat(e.layer.env(), "-", e.layer.file.name, "-", e.mod.name)
	doc, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	pol := e.add("aws_iam_policy", "vanilla_policy", -1, map[string]any{"name": name, "policy": string(doc)})
	principal := e.add("aws_iam_"+kind, kind, -1, map[string]any{"name": name})
	if kind == "role" {
		principal.Unknown = append(principal.Unknown, "assume_role_policy")
	}
	addr := principal.Address
	self, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
		"Effect": "Allow", "Action": []any{"iam:GetRole", "iam:PassRole"},
		"Resource": unknownElement}}})
	inline := e.add("aws_iam_"+kind+"_policy", "pass_role_to_self", -1, map[string]any{kind: unknown{}, "policy": string(self)})
	ref(inline, kind, addr)
	att := e.add("aws_iam_"+kind+"_policy_attachment", "vanilla_role_attachment", -1, map[string]any{kind: unknown{}, "policy_arn": unknown{}})
	ref(att, kind, addr)
	ref(att, "policy_arn", pol.Address)
	for i, arn := range extra {
		v := any(unknown{})
		if s, ok := arn.(string); ok {
			v = s
		}
		x := e.add("aws_iam_"+kind+"_policy_attachment", "extra_policies_attachment", i, map[string]any{kind: unknown{}, "policy_arn": v})
		ref(x, kind, addr)
	}
}
