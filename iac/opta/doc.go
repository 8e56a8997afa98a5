// Package opta loads Opta files (run-x/opta) into attest resources.
//
// Opta describes infrastructure as a list of modules in a YAML file and
// generates Terraform for them. An environment file has name, org_name,
// providers and modules (aws-base, aws-eks ...); a service file has name,
// environments (each with name, path to its environment file and vars) and
// modules. Load turns each module into the Terraform resources Opta's
// module creates, typed and shaped as Terraform's (aws_s3_bucket,
// aws_rds_cluster ...), so that the Terraform rules judge them unchanged.
// Addresses are those of Opta's Terraform: module.<module name>.<type>.<name>
// with [0] where the generated Terraform uses count. Every resource of a
// module points at the lines of its entry in the Opta file; its Format is
// attest.FormatOpta.
//
// # Layers and interpolation
//
// A file without environments is one layer, its Root the file path. A
// service with environments is expanded once per environment, each a root
// of its own (path#environment) as Opta applies each environment to a
// separate state. The environment file is read (inside Options.Tree only,
// never fetched from git) for its name ({parent_name}, {env}), its
// providers (which decide what base, postgres, k8s-cluster ... mean) and its
// modules (an aws-base gives S3 buckets their access log target). One not
// read is a gap, and what depends on it is unknown.
//
// Strings are interpolated as Opta does with Python's str.format: {layer_name},
// {parent_name}, {env}, {vars.x} (input_variables defaults overlaid with the
// environment's vars), {aws.region} and the other provider fields; {{ and }}
// are braces. {parent.x}, {state_storage} and any string that still holds a
// Terraform expression (${...}) are known only at apply time: the attribute is
// left out and listed in Resource.Unknown. An interpolation Opta would refuse
// (an undeclared variable, an unknown name) is an input error.
//
// Nothing is guessed: values Opta's Terraform computes (random name suffixes,
// ARNs, the KMS key of the environment read through a data source) are
// unknown. A boolean input that is unknown and decides whether resources exist
// (same_region_replication, multi_az, block_public) is a gap, and the
// resources it decides are emitted with the deciding attributes unknown.
//
// # Module types
//
// Generic types resolve by the layer's cloud (aws: base → aws-base,
// postgres → aws-postgres, mysql → aws-mysql, redis → aws-redis,
// k8s-cluster → aws-eks). Inputs not given take Opta's defaults:
//
//	type            resources (Terraform names)                        settings and defaults used
//	aws-base        aws_kms_key.key                                    enable_key_rotation = true
//	                aws_ebs_encryption_by_default.default              enabled = true
//	                aws_s3_bucket.log_bucket (+ versioning, AES256     policy denies aws:SecureTransport false;
//	                encryption, public access block, acl, policy)      acl log-delivery-write; name random (unknown)
//	                aws_security_group.db, .elasticache, .documentdb   database ports open to the VPC's range only
//	                aws_vpc.vpc[0], aws_flow_log.vpc[0],               only when vpc_id is not given; traffic ALL;
//	                aws_cloudwatch_log_group.vpc_flow_log[0]           vpc_log_retention = 90, KMS key of the base
//	aws-s3          aws_s3_bucket.bucket                               bucket_name (required)
//	                aws_s3_bucket_versioning.bucket                    Enabled
//	                aws_s3_bucket_server_side_encryption_configuration AES256
//	                aws_s3_bucket_public_access_block.block[0]         block_public = true
//	                aws_s3_bucket_logging.bucket[0]                    when an aws-base is in the layer (target: its log
//	                                                                   bucket) or its environment (target unknown), or
//	                                                                   s3_log_bucket_name; unknown if the environment is unread
//	                aws_s3_bucket_policy.policy                        bucket_policy statements + a CloudFront read
//	                                                                   statement; no TLS statement unless bucket_policy has it
//	                aws_s3_bucket.replica[0] (+ versioning, AES256,    same_region_replication = false; the replica's
//	                block, logging, TLS-only policy),                  policy denies aws:SecureTransport false
//	                aws_s3_bucket_replication_configuration.bucket[0]
//	aws-postgres    aws_rds_cluster.db_cluster[0]                      aurora-postgresql, engine_version 11.9,
//	                (aws_rds_cluster.secondary[0] with                 storage_encrypted = true, backup_retention_days = 7,
//	                existing_global_database_id)                       safety = false (deletion_protection)
//	                aws_rds_cluster_instance.db_instance[0..1]         multi_az = false (one instance; two with multi_az),
//	                                                                   db.t3.medium, auto_minor_version_upgrade = false
//	aws-mysql       aws_rds_cluster.db_cluster,                        as aws-postgres: aurora-mysql 5.7.mysql_aurora.2.04.2
//	                aws_rds_cluster_instance.db_instance[0..1]
//	aws-eks         aws_eks_cluster.cluster                            public endpoint, no private endpoint; secrets
//	                                                                   encrypted; all five control plane log types
//	                aws_cloudwatch_log_group.cluster_logs              eks_log_retention = 7, KMS (unknown key)
//	                aws_security_group.eks                             ingress from itself only
//	aws-dynamodb    aws_kms_key.key, aws_dynamodb_table.               rotation on; server-side encryption with the key;
//	                table_no_range[0] | table_with_range[0]            point-in-time recovery; capacity 20/20
//	aws-documentdb  aws_docdb_cluster.cluster,                         encrypted, backups 5 days, deletion_protection = false,
//	                aws_docdb_cluster_instance.cluster_instances[i]    instance_count = 1, db.r5.large, engine 4.0.0
//	aws-redis       aws_elasticache_replication_group.redis_cluster    2 nodes, multi-AZ with failover, encrypted in transit
//	                                                                   and at rest, auth token; snapshot_retention_limit = 0
//	aws-iam-user    aws_iam_policy.vanilla_policy, aws_iam_user.user,   iam_policy (required) as the managed policy, plus an
//	aws-iam-role    (aws_iam_role.role), the policy attached to it,    unknown statement when links are given (Opta adds
//	                an inline pass-role-to-self policy, and each of    statements for them); the role's trust policy is
//	                extra_iam_policies attached                        unknown
//	gcp-gcs         google_storage_bucket.bucket                       uniform bucket-level access, KMS key of the environment
//	                google_storage_bucket_iam_member.viewer[0]         allUsers objectViewer, only with block_public = false
//	gcp-gke         google_container_cluster.primary                   private nodes, public endpoint, shielded nodes, Calico
//	                                                                   network policy, secrets encrypted, client certificate
//	                                                                   issued, gke_channel = REGULAR
//	gcp-base        google_compute_network.vpc                         no automatic subnets, default routes deleted
//	                google_compute_subnetwork.project_subnet           private_ipv4_cidr_block (10.0.0.0/19), private Google
//	                                                                   access, flow logs (5 s, 0.5 sampling, all metadata)
//	                google_compute_firewall.firewall,                  TCP/UDP all ports and ICMP from the private range;
//	                .k8s_extra_rules                                   TCP 8443 from k8s_master_ipv4_cidr_block to the nodes
//	                google_kms_key_ring.keyring,                       rotation_period 7776000s (90 days)
//	                google_kms_crypto_key.key
//	gcp-postgres    google_sql_database_instance.instance              POSTGRES_<engine_version 11>, REGIONAL, private IP
//	gcp-mysql       (as gcp-postgres, MYSQL_<5_7>, binary log on)      only, require_ssl = false, daily backups, no
//	                                                                   customer key, deletion_protection = safety (false),
//	                                                                   instance_tier db-f1-micro; postgres logging flags
//	gcp-redis       google_redis_instance.main                         STANDARD_HA (BASIC with high_availability: false),
//	                                                                   AUTH on, private service access, no transit encryption
//	gcp-dns         google_dns_managed_zone.public                     domain (required), DNSSEC on
//	gcp-nodepool    google_container_node_pool.node_pool,              auto repair/upgrade, GKE metadata server, legacy
//	                google_service_account.gke_node, four              endpoints off, cloud-platform scope, preemptible
//	                google_project_iam_member (logging, monitoring)    (false), min/max nodes 1/5
//	gcp-service-    google_service_account.k8s_service,                additional_iam_roles as project members,
//	account         google_service_account_iam_binding[0] (with        read_buckets objectViewer, write_buckets
//	                allowed_k8s_services), google_project_iam_member,  objectAdmin; the grants links add are a gap
//	                google_storage_bucket_iam_member
//	azure-base      azurerm_key_vault.opta, azurerm_key_vault_key.acr  RBAC, purge protection, premium; RSA 2048 key
//	                azurerm_storage_account.infra_logging              LRS, HTTPS only, TLS1_2, network default Deny
//	                azurerm_monitor_diagnostic_setting.infra_logging   key vault AuditEvent kept 180 days
//	                azurerm_virtual_network.opta, azurerm_subnet.opta  private_ipv4_cidr_block (10.0.0.0/16), subnet /17
//	                azurerm_network_security_group.opta (+ rules       TCP from the private range in; TCP to anywhere out
//	                internal, allowoutbound)
//	                azurerm_network_watcher_flow_log.vpc_flow_log      enabled, kept 90 days, traffic analytics
//	                azurerm_container_registry.acr                     Premium, encrypted with the vault's key
//	azure-aks       azurerm_kubernetes_cluster.main                    Azure AD RBAC, Calico, NAT egress, public API server
//	                                                                   without authorised ranges, autoscaling pool
//	                                                                   min/max 3/5, Standard_D2_v2, Kubernetes 1.21.9
//	azure-postgres  azurerm_postgresql_server.opta                     private endpoint only, SSL enforced TLS1_2, backups
//	                                                                   7 days geo-redundant, GP_Gen5_4, version 11
//	azure-redis     azurerm_redis_cache.opta                           private endpoint only, non-TLS port closed, TLS 1.2,
//	                                                                   standard C2
//
// There are no GCP or Azure rules yet: these modules are inventory for the
// rules to come (the Terraform google_* and azurerm_* rules will judge them
// as they are), tested on the resources and gaps they produce.
//
// Kubernetes workloads and charts (k8s-service, k8s-base, helm-chart,
// k8s-manifest), local-* modules and third-party integrations create no
// cloud resources for these rules and are skipped. Every other type
// (aws-sns, aws-sqs, aws-iam-policy, aws-dns, aws-ses, custom-terraform ...)
// is reported as a gap: not mapped, not checked.
//
// Resources Opta creates that no rule reads (lifecycle rules, ownership
// controls, the CloudFront origin identity, IAM roles for replication and
// flow logs, subnets and NAT gateways) are not emitted.
package opta
