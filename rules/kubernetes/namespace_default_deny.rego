# METADATA
# title: Workloads run in namespaces with default-deny network policies
# description: >-
#   Without a NetworkPolicy that selects every pod of the namespace and
#   allows nothing, any pod can reach any other pod in the cluster and any
#   address outside it, so one compromised workload can reach the databases
#   and the cloud metadata service. A workload passes when NetworkPolicies
#   of its namespace (in the same manifests, or in any scanned file that
#   names the namespace) deny all ingress and all egress by default;
#   allow-policies then open what is needed.
# custom:
#   id: k8s-namespace-default-deny
#   severity: medium
#   benchmark: "CIS Kubernetes 5.3.2"
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.6, CC6.1]
#     pci-dss-4.0: [1.3.1, 1.3.2, 1.4.2]
#   remediation: >-
#     Add a NetworkPolicy with podSelector: {} and policyTypes [Ingress,
#     Egress] and no rules to the namespace, then policies that allow the
#     traffic each workload needs.
package attest.rules.kubernetes.namespace_default_deny

import data.attest.lib.kubernetes as k8s

# selects_all(spec) holds for a podSelector that selects every pod.
selects_all(spec) if count(object.get(spec, ["podSelector", "matchLabels"], {})) + count(object.get(spec, ["podSelector", "matchExpressions"], [])) == 0

# types(spec) are the policy types of a NetworkPolicy, defaulted as the API
# server does: Ingress always, Egress when it has egress rules.
types(spec) := {t | some t in spec.policyTypes} if is_array(object.get(spec, "policyTypes", null))

types(spec) := {"Ingress", "Egress"} if {
	not is_array(object.get(spec, "policyTypes", null))
	count(object.get(spec, "egress", [])) > 0
}

types(spec) := {"Ingress"} if {
	not is_array(object.get(spec, "policyTypes", null))
	count(object.get(spec, "egress", [])) == 0
}

denies(direction) if {
	some np in k8s.in_namespace("NetworkPolicy")
	spec := object.get(np.attributes, "spec", {})
	selects_all(spec)
	direction in types(spec)
	count(object.get(spec, lower(direction), [])) == 0
}

deny contains msg if {
	some direction in ["Ingress", "Egress"]
	not denies(direction)
	msg := sprintf("namespace %q has no NetworkPolicy that denies all %s by default", [k8s.namespace, lower(direction)])
}
