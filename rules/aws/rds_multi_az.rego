# METADATA
# title: RDS databases run in more than one availability zone
# description: >-
#   A database in a single availability zone is down for as long as that zone
#   is, and a failed instance must be rebuilt from a backup. An aws_db_instance
#   passes with multi_az = true. An aws_rds_cluster (Aurora or Multi-AZ DB
#   cluster) passes when it lists at least two availability_zones, or when at
#   least two aws_rds_cluster_instance resources join it, or (Multi-AZ DB
#   clusters) when it sets db_cluster_instance_class, which always creates
#   three instances across zones.
# custom:
#   id: aws-rds-multi-az
#   severity: medium
#   resource_types: [aws_db_instance, aws_rds_cluster]
#   controls:
#     soc2: [A1.2, CC9.1]
#   remediation: >-
#     Set multi_az = true on the aws_db_instance; for Aurora, add a second
#     aws_rds_cluster_instance (a reader in another zone) to the cluster.
package attest.rules.aws.rds_multi_az

import data.attest.lib
import data.attest.lib.aws

is_instance if input.resource.type == "aws_db_instance"

is_cluster if input.resource.type == "aws_rds_cluster"

# Read replicas inherit availability from their source; they are not judged.
replica if lib.get(input.resource, "replicate_source_db", "") != ""

deny contains msg if {
	is_instance
	not replica
	not lib.is_unknown(input.resource, "multi_az")
	not lib.is_unknown(input.resource, "replicate_source_db")
	lib.get(input.resource, "multi_az", false) != true
	msg := "multi_az is not enabled on the instance"
}

unknown contains msg if {
	is_instance
	lib.is_unknown(input.resource, "multi_az")
	msg := "multi_az is not known statically"
}

unknown contains msg if {
	is_instance
	lib.is_unknown(input.resource, "replicate_source_db")
	lib.get(input.resource, "multi_az", false) != true
	msg := "replicate_source_db is not known statically: read replicas are not judged"
}

cluster_instances := aws.linked("aws_rds_cluster_instance", "cluster_identifier")

cluster_spread if count(lib.get(input.resource, "availability_zones", [])) >= 2

cluster_spread if count(cluster_instances) >= 2

cluster_spread if lib.get(input.resource, "db_cluster_instance_class", "") != ""

cluster_undetermined if lib.is_unknown(input.resource, "availability_zones")

cluster_undetermined if lib.is_unknown(input.resource, "db_cluster_instance_class")

cluster_undetermined if aws.may_link("aws_rds_cluster_instance", "cluster_identifier")

deny contains msg if {
	is_cluster
	not cluster_spread
	not cluster_undetermined
	msg := sprintf("the cluster has %d instance(s) and names fewer than two availability zones", [count(cluster_instances)])
}

unknown contains msg if {
	is_cluster
	not cluster_spread
	cluster_undetermined
	msg := "the cluster's zones or instances are not known statically"
}
