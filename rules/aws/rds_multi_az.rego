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
#   resource_types: [aws_db_instance, aws_rds_cluster, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
#   controls:
#     soc2: [A1.2, CC9.1]
#   remediation: >-
#     Set multi_az = true on the aws_db_instance; for Aurora, add a second
#     aws_rds_cluster_instance (a reader in another zone) to the cluster.
#   remediation_by_format:
#     terraform: >-
#       Set multi_az = true on the aws_db_instance; for Aurora, add a second
#       aws_rds_cluster_instance (a reader in another zone) to the cluster.
#     cloudformation: >-
#       Set MultiAZ: true on the AWS::RDS::DBInstance; give an Aurora
#       AWS::RDS::DBCluster at least two AWS::RDS::DBInstance members
#       (DBClusterIdentifier: !Ref YourCluster) in different zones.
package attest.rules.aws.rds_multi_az

import data.attest.lib.aws.rds
import data.attest.lib.aws

is_instance if rds.is_instance

is_cluster if rds.is_cluster

# Read replicas inherit availability from their source; they are not judged.
replica if rds.get("replicate_source_db", "") != ""

deny contains msg if {
	not rds.cluster_member
	not rds.membership_unknown
	is_instance
	not replica
	not rds.is_unknown("multi_az")
	not rds.is_unknown("replicate_source_db")
	rds.get("multi_az", false) != true
	msg := "multi_az is not enabled on the instance"
}

unknown contains msg if {
	not rds.cluster_member
	is_instance
	rds.is_unknown("multi_az")
	msg := "multi_az is not known statically"
}

unknown contains msg if {
	not rds.cluster_member
	is_instance
	rds.is_unknown("replicate_source_db")
	rds.get("multi_az", false) != true
	msg := "replicate_source_db is not known statically: read replicas are not judged"
}

cluster_instances := rds.cluster_instances

cluster_spread if count(rds.get("availability_zones", [])) >= 2

cluster_spread if count(cluster_instances) >= 2

cluster_spread if rds.get("db_cluster_instance_class", "") != ""

cluster_undetermined if rds.is_unknown("availability_zones")

cluster_undetermined if rds.is_unknown("db_cluster_instance_class")

cluster_undetermined if {
	not rds.cfn
	aws.may_link("aws_rds_cluster_instance", "cluster_identifier")
}

cluster_undetermined if {
	rds.cfn
	rds.cluster_instances_may_link
}

deny contains msg if {
	not rds.cluster_member
	not rds.membership_unknown
	is_cluster
	not cluster_spread
	not cluster_undetermined
	msg := sprintf("the cluster has %d instance(s) and names fewer than two availability zones", [count(cluster_instances)])
}

unknown contains msg if {
	not rds.cluster_member
	is_cluster
	not cluster_spread
	cluster_undetermined
	msg := "the cluster's zones or instances are not known statically"
}

unknown contains msg if {
	rds.membership_unknown
	msg := "DBClusterIdentifier is not known statically: an Aurora cluster's instances are judged on the cluster"
}
