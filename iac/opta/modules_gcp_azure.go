package opta

import (
	"fmt"

	"github.com/attest-dev/attest"
)

// gapAt is a gap diagnostic at an input of the module (at the module when
// the input is not written).
func (e *emitter) gapAt(input, summary, detail string) attest.Diagnostic {
	pos := attest.Pos{File: e.layer.file.path, Line: e.mod.node.Line, Column: e.mod.node.Column}
	if n := e.in.nodes[input]; n != nil {
		pos.Line, pos.Column = n.Line, n.Column
	}
	return attest.Diagnostic{Severity: attest.DiagGap, Pos: pos, Summary: summary, Detail: detail, Affected: 1}
}

// strings reads a list-of-strings input, def when absent: each element a
// string or unknown{}, or unknown{} as a whole when the input is.
func (e *emitter) strings(name string, def []any) any {
	v, present := e.in.data[name]
	if !present || v == nil {
		return def
	}
	switch x := v.(type) {
	case unknown:
		return x
	case []any:
		out := make([]any, len(x))
		for i, el := range x {
			switch s := el.(type) {
			case string, unknown:
				out[i] = s
			default:
				e.fail(e.in.errorf(name, "element %d: want a string", i))
				return nil
			}
		}
		return out
	}
	e.fail(e.in.errorf(name, "want a list of strings"))
	return nil
}

// gcpBase is gcp-base: the environment's VPC without default subnets, its
// private subnet with flow logs, the firewall rules that admit the private
// range and the control plane, and the environment's KMS key (rotated every
// 90 days).
func gcpBase(e *emitter) {
	private := e.str("private_ipv4_cidr_block", "10.0.0.0/19")
	master := e.str("k8s_master_ipv4_cidr_block", "10.0.80.0/28")
	if e.failed {
		return
	}
	layer := e.layer.file.name
	vpc := e.add("google_compute_network", "vpc", -1, map[string]any{
		"name": concat("opta-", layer), "auto_create_subnetworks": false, "delete_default_routes_on_create": true})
	subnet := e.add("google_compute_subnetwork", "project_subnet", -1, map[string]any{
		"name": unknown{}, "network": unknown{}, "ip_cidr_range": private, "private_ip_google_access": true,
		"log_config": []any{map[string]any{"aggregation_interval": "INTERVAL_5_SEC", "flow_sampling": 0.5,
			"metadata": "INCLUDE_ALL_METADATA"}},
	})
	ref(subnet, "network", vpc.Address)
	fw := e.add("google_compute_firewall", "firewall", -1, map[string]any{
		"name": unknown{}, "network": unknown{}, "direction": "INGRESS",
		"allow": []any{
			map[string]any{"protocol": "tcp", "ports": []any{"0-65535"}},
			map[string]any{"protocol": "udp", "ports": []any{"0-65535"}},
			map[string]any{"protocol": "icmp"},
		},
		"source_ranges": []any{private},
	})
	ref(fw, "network", vpc.Address)
	cp := e.add("google_compute_firewall", "k8s_extra_rules", -1, map[string]any{
		"name": concat("opta-", layer, "-k8s-cntrol-plane"), "network": unknown{}, "direction": "INGRESS",
		"allow":         []any{map[string]any{"protocol": "tcp", "ports": []any{"8443"}}},
		"source_ranges": []any{master}, "target_tags": []any{concat("opta-", layer, "-nodes")},
	})
	ref(cp, "network", vpc.Address)
	ring := e.add("google_kms_key_ring", "keyring", -1, map[string]any{"name": unknown{}, "location": unknown{}})
	key := e.add("google_kms_crypto_key", "key", -1, map[string]any{
		"name": unknown{}, "key_ring": unknown{}, "rotation_period": "7776000s"})
	ref(key, "key_ring", ring.Address)
}

// gcpSQL is gcp-postgres and gcp-mysql: a Cloud SQL instance, regional
// (high availability), reachable on the private network only, backed up
// daily, with Google-managed encryption (Opta sets no key) and SSL not
// required; deletion protection from safety.
func gcpSQL(e *emitter, engine, defaultVersion string) {
	tier := e.str("instance_tier", "db-f1-micro")
	version := e.str("engine_version", defaultVersion)
	safety := e.boolean("safety", false)
	if e.failed {
		return
	}
	backup := map[string]any{"enabled": true, "start_time": "23:00"}
	settings := map[string]any{
		"tier": tier, "availability_type": "REGIONAL", "disk_autoresize": true, "disk_type": "PD_SSD",
		"pricing_plan": "PER_USE",
		"ip_configuration": []any{map[string]any{"ipv4_enabled": false, "private_network": unknown{},
			"require_ssl": false}},
		"backup_configuration": []any{backup},
	}
	if engine == "MYSQL" {
		backup["binary_log_enabled"] = true
	} else {
		var flags []any
		for _, f := range [][2]string{{"log_checkpoints", "on"}, {"log_connections", "on"},
			{"log_disconnections", "on"}, {"log_lock_waits", "on"}, {"log_temp_files", "0"}} {
			flags = append(flags, map[string]any{"name": f[0], "value": f[1]})
		}
		settings["database_flags"] = flags
	}
	e.add("google_sql_database_instance", "instance", -1, map[string]any{
		"name": unknown{}, "database_version": concat(engine+"_", version),
		"deletion_protection": triValue(safety), "settings": []any{settings},
	})
}

// gcpRedis is gcp-redis: a Memorystore instance on private service access
// with AUTH, highly available unless high_availability is false, without
// in-transit encryption (Opta leaves it off).
func gcpRedis(e *emitter) {
	memory := e.number("memory_size_gb", 2)
	version := e.str("redis_version", "REDIS_5_0")
	ha := e.boolean("high_availability", true)
	if e.failed {
		return
	}
	var tier any = unknown{}
	switch ha {
	case triTrue:
		tier = "STANDARD_HA"
	case triFalse:
		tier = "BASIC"
	}
	e.add("google_redis_instance", "main", -1, map[string]any{
		"name": concat("opta-", e.layer.file.name, "-", e.mod.name), "memory_size_gb": memory, "tier": tier,
		"connect_mode": "PRIVATE_SERVICE_ACCESS", "redis_version": version, "auth_enabled": true,
		"authorized_network": unknown{},
	})
}

// gcpDNS is gcp-dns: a public managed zone for domain with DNSSEC on.
func gcpDNS(e *emitter) {
	domain := e.str("domain", nil)
	if domain == nil && !e.failed {
		e.fail(e.in.errorf("domain", "gcp-dns needs a domain"))
	}
	if e.failed {
		return
	}
	e.add("google_dns_managed_zone", "public", -1, map[string]any{
		"name": concat("opta-", e.layer.file.name), "dns_name": concat(domain, "."),
		"dnssec_config": []any{map[string]any{"state": "on", "non_existence": "nsec3"}},
	})
}

// gcpNodePool is gcp-nodepool: a GKE node pool with auto repair and
// upgrade, the GKE metadata server, legacy metadata endpoints disabled and
// its own service account, which gets the logging and monitoring roles.
func gcpNodePool(e *emitter) {
	minNodes := e.number("min_nodes", 1)
	maxNodes := e.number("max_nodes", 5)
	disk := e.number("node_disk_size", 20)
	machine := e.str("node_instance_type", "n2-highcpu-4")
	preemptible := e.boolean("preemptible", false)
	if e.failed {
		return
	}
	sa := e.add("google_service_account", "gke_node", -1, map[string]any{"account_id": unknown{}})
	for _, role := range []struct{ name, role string }{
		{"gke_node_log_writer", "roles/logging.logWriter"},
		{"gke_node_metric_writer", "roles/monitoring.metricWriter"},
		{"gke_node_monitoring_viewer", "roles/monitoring.viewer"},
		{"gke_node_stackdriver_writer", "roles/stackdriver.resourceMetadata.writer"},
	} {
		m := e.add("google_project_iam_member", role.name, -1, map[string]any{"project": unknown{}, "role": role.role, "member": unknown{}})
		ref(m, "member", sa.Address)
	}
	pool := e.add("google_container_node_pool", "node_pool", -1, map[string]any{
		"name": unknown{}, "cluster": unknown{},
		"autoscaling": []any{map[string]any{"min_node_count": minNodes, "max_node_count": maxNodes}},
		"management":  []any{map[string]any{"auto_repair": true, "auto_upgrade": true}},
		"node_config": []any{map[string]any{
			"preemptible": triValue(preemptible), "machine_type": machine, "disk_size_gb": disk,
			"service_account": unknown{}, "oauth_scopes": []any{"https://www.googleapis.com/auth/cloud-platform"},
			"metadata":                 map[string]any{"disable-legacy-endpoints": "true"},
			"workload_metadata_config": []any{map[string]any{"mode": "GKE_METADATA"}},
		}},
	})
	ref(pool, "node_config.0.service_account", sa.Address)
}

// gcpServiceAccount is gcp-service-account: a service account, trusted by
// the Kubernetes service accounts of allowed_k8s_services, with the project
// roles of additional_iam_roles and read (objectViewer) or write
// (objectAdmin) access to the buckets named. Buckets that links add are
// known only to Opta's Python at apply time: a gap.
func gcpServiceAccount(e *emitter) {
	name := e.str("explicit_name", nil)
	roles := e.strings("additional_iam_roles", []any{})
	read := e.strings("read_buckets", []any{})
	write := e.strings("write_buckets", []any{})
	if e.failed {
		return
	}
	var id any = unknown{}
	if name != nil {
		id = name
	}
	sa := e.add("google_service_account", "k8s_service", -1, map[string]any{"account_id": id})
	if k8s, ok := e.in.data["allowed_k8s_services"].([]any); ok && len(k8s) > 0 {
		b := e.add("google_service_account_iam_binding", "trust_k8s_workload_idu", 0, map[string]any{
			"service_account_id": unknown{}, "role": "roles/iam.workloadIdentityUser", "members": unknown{}})
		ref(b, "service_account_id", sa.Address)
	}
	grant := func(typ, tfName, input string, list any, attrs func(v any) map[string]any) {
		l, ok := list.([]any)
		if !ok {
			e.gapCount(input, "the grants it lists")
			return
		}
		for i, v := range l {
			m := e.add(typ, tfName, i, attrs(v))
			ref(m, "member", sa.Address)
		}
	}
	grant("google_project_iam_member", "project", "additional_iam_roles", roles, func(v any) map[string]any {
		return map[string]any{"project": unknown{}, "role": v, "member": unknown{}}
	})
	grant("google_storage_bucket_iam_member", "bucket_viewer", "read_buckets", read, func(v any) map[string]any {
		return map[string]any{"bucket": v, "role": "roles/storage.objectViewer", "member": unknown{}}
	})
	grant("google_storage_bucket_iam_member", "viewer", "write_buckets", write, func(v any) map[string]any {
		return map[string]any{"bucket": v, "role": "roles/storage.objectAdmin", "member": unknown{}}
	})
	if links, ok := e.in.data["links"].([]any); ok && len(links) > 0 {
		e.diags = append(e.diags, e.gapAt("links", fmt.Sprintf("module %s: the bucket grants of links are made by Opta at apply time", e.mod.name),
			"the buckets its links name are not checked"))
	}
}

// azureBase is azure-base: the environment's key vault (RBAC, purge
// protection) and its key, the log storage account (HTTPS only, TLS 1.2,
// network access denied by default), key vault audit logs kept 180 days,
// the virtual network and its subnet, the default network security group
// (TCP from the private range; flow logs kept 90 days) and the container
// registry, encrypted with the vault's key.
func azureBase(e *emitter) {
	private := e.str("private_ipv4_cidr_block", "10.0.0.0/16")
	subnetCIDR := e.str("subnet_ipv4_cidr_block", "10.0.0.0/17")
	if e.failed {
		return
	}
	env := e.layer.env()
	vault := e.add("azurerm_key_vault", "opta", -1, map[string]any{
		"name": unknown{}, "tenant_id": unknown{}, "sku_name": "premium", "enable_rbac_authorization": true,
		"purge_protection_enabled": true, "enabled_for_disk_encryption": true, "enabled_for_deployment": true,
		"enabled_for_template_deployment": true,
	})
	key := e.add("azurerm_key_vault_key", "acr", -1, map[string]any{
		"name": concat("opta-", env, "-acr"), "key_vault_id": unknown{}, "key_type": "RSA", "key_size": int64(2048),
		"key_opts": []any{"decrypt", "encrypt", "sign", "unwrapKey", "verify", "wrapKey"},
	})
	ref(key, "key_vault_id", vault.Address)
	logs := e.add("azurerm_storage_account", "infra_logging", -1, map[string]any{
		"name": unknown{}, "account_replication_type": "LRS", "account_tier": "Standard",
		"enable_https_traffic_only": true, "min_tls_version": "TLS1_2",
		"network_rules": []any{map[string]any{"default_action": "Deny", "bypass": []any{"AzureServices"}}},
	})
	diag := e.add("azurerm_monitor_diagnostic_setting", "infra_logging", -1, map[string]any{
		"name": concat("opta-", env), "target_resource_id": unknown{}, "storage_account_id": unknown{},
		"log": []any{
			map[string]any{"category": "AuditEvent", "enabled": true,
				"retention_policy": []any{map[string]any{"enabled": true, "days": int64(180)}}},
			map[string]any{"category": "AzurePolicyEvaluationDetails", "enabled": false,
				"retention_policy": []any{map[string]any{"enabled": false, "days": int64(0)}}},
		},
	})
	ref(diag, "target_resource_id", vault.Address)
	ref(diag, "storage_account_id", logs.Address)
	vnet := e.add("azurerm_virtual_network", "opta", -1, map[string]any{
		"name": concat("opta-", env), "address_space": []any{private}})
	subnet := e.add("azurerm_subnet", "opta", -1, map[string]any{
		"name": concat("opta-", env, "-subnet"), "virtual_network_name": unknown{}, "address_prefixes": []any{subnetCIDR}})
	ref(subnet, "virtual_network_name", vnet.Address)
	nsg := e.add("azurerm_network_security_group", "opta", -1, map[string]any{"name": concat("opta-", env, "-default")})
	for _, r := range []struct{ name, direction, dest string }{
		{"internal", "Inbound", ""},
		{"allowoutbound", "Outbound", "0.0.0.0/0"},
	} {
		dest := any(r.dest)
		if r.dest == "" {
			dest = private
		}
		rule := e.add("azurerm_network_security_rule", r.name, -1, map[string]any{
			"name": r.name, "network_security_group_name": unknown{}, "priority": int64(100), "direction": r.direction,
			"access": "Allow", "protocol": "Tcp", "source_address_prefix": private, "source_port_range": "*",
			"destination_port_range": "*", "destination_address_prefix": dest,
		})
		ref(rule, "network_security_group_name", nsg.Address)
	}
	flow := e.add("azurerm_network_watcher_flow_log", "vpc_flow_log", -1, map[string]any{
		"name": concat("opta-", env), "network_security_group_id": unknown{}, "storage_account_id": unknown{},
		"enabled":          true,
		"retention_policy": []any{map[string]any{"enabled": true, "days": int64(90)}},
		"traffic_analytics": []any{map[string]any{"enabled": true, "interval_in_minutes": int64(10),
			"workspace_id": unknown{}}},
	})
	ref(flow, "network_security_group_id", nsg.Address)
	ref(flow, "storage_account_id", logs.Address)
	acr := e.add("azurerm_container_registry", "acr", -1, map[string]any{
		"name": unknown{}, "sku": "Premium", "identity": []any{map[string]any{"type": "UserAssigned"}},
		"encryption": []any{map[string]any{"enabled": true, "key_vault_key_id": unknown{}}},
	})
	ref(acr, "encryption.0.key_vault_key_id", key.Address)
}

// azureAKS is azure-aks: an AKS cluster with Azure AD RBAC, Calico network
// policy, egress through the environment's NAT gateway, an autoscaling
// default node pool and a public API server without authorised ranges
// (Opta sets none).
func azureAKS(e *emitter) {
	minNodes := e.number("min_nodes", 3)
	maxNodes := e.number("max_nodes", 5)
	disk := e.number("node_disk_size", 30)
	vmSize := e.str("node_instance_type", "Standard_D2_v2")
	version := e.str("kubernetes_version", "1.21.9")
	admins := e.strings("admin_group_object_ids", []any{})
	serviceCIDR := e.str("service_cidr", "10.0.128.0/20")
	dnsIP := e.str("dns_service_ip", "10.0.128.10")
	if e.failed {
		return
	}
	e.add("azurerm_kubernetes_cluster", "main", -1, map[string]any{
		"name": unknown{}, "dns_prefix": "opta", "kubernetes_version": version,
		"network_profile": []any{map[string]any{"network_plugin": "azure", "network_policy": "calico",
			"service_cidr": serviceCIDR, "dns_service_ip": dnsIP, "outbound_type": "userAssignedNATGateway"}},
		"azure_active_directory_role_based_access_control": []any{map[string]any{"managed": true,
			"tenant_id": unknown{}, "admin_group_object_ids": admins}},
		"default_node_pool": []any{map[string]any{"name": "default", "vm_size": vmSize, "enable_auto_scaling": true,
			"min_count": minNodes, "max_count": maxNodes, "os_disk_size_gb": disk, "vnet_subnet_id": unknown{}}},
		"identity": []any{map[string]any{"type": "UserAssigned"}},
	})
}

// azurePostgres is azure-postgres: a single server reachable only through
// a private endpoint, SSL enforced at TLS 1.2, backups kept 7 days and
// geo-redundant.
func azurePostgres(e *emitter) {
	sku := e.str("sku_name", "GP_Gen5_4")
	version := e.str("engine_version", "11")
	if e.failed {
		return
	}
	e.add("azurerm_postgresql_server", "opta", -1, map[string]any{
		"name": unknown{}, "administrator_login": "postgres", "administrator_login_password": unknown{},
		"sku_name": sku, "version": version, "storage_mb": int64(10240), "backup_retention_days": int64(7),
		"geo_redundant_backup_enabled": true, "auto_grow_enabled": true, "public_network_access_enabled": false,
		"ssl_enforcement_enabled": true, "ssl_minimal_tls_version_enforced": "TLS1_2",
		"identity": []any{map[string]any{"type": "SystemAssigned"}},
	})
}

// azureRedis is azure-redis: a cache reachable only through a private
// endpoint, the non-TLS port closed, TLS 1.2 at least.
func azureRedis(e *emitter) {
	sku := e.str("sku_name", "standard")
	family := e.str("family", "C")
	capacity := e.number("capacity", 2)
	if e.failed {
		return
	}
	e.add("azurerm_redis_cache", "opta", -1, map[string]any{
		"name": unknown{}, "capacity": capacity, "family": family, "sku_name": sku,
		"public_network_access_enabled": false, "enable_non_ssl_port": false, "minimum_tls_version": "1.2",
	})
}
