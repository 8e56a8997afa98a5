# METADATA
# title: Redshift clusters accept only TLS connections
# description: >-
#   Redshift accepts unencrypted client connections unless the cluster's
#   parameter group sets require_ssl to true; the default parameter group
#   does not. A cluster passes when its parameter group, defined in the same
#   configuration, sets require_ssl to true. A cluster on a parameter group
#   defined elsewhere is unknown.
# custom:
#   id: aws-redshift-require-ssl
#   severity: high
#   resource_types: [aws_redshift_cluster, "AWS::Redshift::Cluster"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1, 8.3.2]
#   remediation: Give the cluster a parameter group with require_ssl = true.
#   remediation_by_format:
#     terraform: >-
#       Create an aws_redshift_parameter_group with parameter { name =
#       "require_ssl", value = "true" } and set cluster_parameter_group_name to
#       it on the aws_redshift_cluster.
#     cloudformation: >-
#       Create an AWS::Redshift::ClusterParameterGroup with Parameters
#       [{ParameterName: require_ssl, ParameterValue: "true"}] and set
#       ClusterParameterGroupName: !Ref it on the AWS::Redshift::Cluster.
package attest.rules.aws.redshift_require_ssl

import data.attest.lib
import data.attest.lib.aws.svc

names := {
	"attr": "ClusterParameterGroupName", "type": "AWS::Redshift::ClusterParameterGroup",
	"params": "Parameters", "name": "ParameterName", "value": "ParameterValue",
} if svc.cfn

names := {
	"attr": "cluster_parameter_group_name", "type": "aws_redshift_parameter_group",
	"params": "parameter", "name": "name", "value": "value",
} if not svc.cfn

group_name := lib.get(input.resource, names.attr, null)

refs := object.get(input.resource, ["refs", names.attr], [])

# groups are the parameter groups of the configuration the cluster names,
# by reference or by literal name.
groups contains g if {
	some g in lib.resources(names.type)
	g.address in refs
}

groups contains g if {
	is_string(group_name)
	some g in lib.resources(names.type)
	some k in ["name", "ParameterGroupName"]
	object.get(g.attributes, k, null) == group_name
}

requires_ssl(g) if {
	some p in object.get(g.attributes, names.params, [])
	object.get(p, names.name, "") == "require_ssl"
	lower(sprintf("%v", [object.get(p, names.value, "")])) == "true"
}

# param_unknown(g) holds when a parameter of the group is not known.
param_unknown(g) if {
	some u in object.get(g, "unknown", [])
	startswith(u, names.params)
}

# The cluster uses AWS's default parameter group: no name, or a default.*
# name.
default_group if {
	group_name == null
	count(refs) == 0
	not lib.is_unknown(input.resource, names.attr)
}

default_group if {
	is_string(group_name)
	startswith(group_name, "default.")
}

deny contains msg if {
	default_group
	msg := "the cluster uses the default parameter group, which does not require SSL"
}

deny contains msg if {
	some g in groups
	not requires_ssl(g)
	not param_unknown(g)
	msg := sprintf("parameter group %s does not set require_ssl to true", [g.address])
}

unknown contains msg if {
	not default_group
	count(groups) == 0
	msg := "the cluster's parameter group is not defined in this configuration or its name is not known statically"
}

unknown contains msg if {
	some g in groups
	not requires_ssl(g)
	param_unknown(g)
	msg := sprintf("the parameters of %s are not known statically", [g.address])
}
