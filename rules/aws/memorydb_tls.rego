# METADATA
# title: MemoryDB clusters encrypt connections with TLS
# description: >-
#   MemoryDB is a primary database, not a cache: everything it holds, and
#   the passwords of its ACL users, would cross the network in the clear with
#   TLS turned off. A cluster passes unless tls_enabled is false (TLS is on
#   when the setting is left out).
# custom:
#   id: aws-memorydb-tls
#   severity: high
#   resource_types: [aws_memorydb_cluster, "AWS::MemoryDB::Cluster"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1, 8.3.2]
#   remediation: Remove tls_enabled = false (TLS is on by default); the cluster must be recreated.
#   remediation_by_format:
#     terraform: >-
#       Remove tls_enabled = false (or set it to true) on the
#       aws_memorydb_cluster; changing it replaces the cluster.
#     cloudformation: >-
#       Remove TLSEnabled: false (or set it to true) on the
#       AWS::MemoryDB::Cluster; changing it replaces the cluster.
package attest.rules.aws.memorydb_tls

import data.attest.lib.aws.svc

deny contains msg if {
	not svc.is_unknown("tls_enabled")
	svc.get("tls_enabled", true) == false
	msg := "tls_enabled is false"
}

unknown contains msg if {
	svc.is_unknown("tls_enabled")
	msg := "tls_enabled is not known statically"
}
