# METADATA
# title: Pods mount a service account token only when they need one
# description: >-
#   By default every pod gets a token for its service account, which anyone
#   who takes over the container can use against the API server. Pods that do
#   not call the API should set automountServiceAccountToken to false, on the
#   pod or on its ServiceAccount (found in the same manifests).
# custom:
#   id: k8s-pod-service-account-token
#   severity: low
#   benchmark: "CIS Kubernetes 5.1.6"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [7.2.2]
#   remediation: "Set automountServiceAccountToken: false in the pod spec, or on the ServiceAccount it uses."
package attest.rules.kubernetes.pod_service_account_token

import data.attest.lib
import data.attest.lib.kubernetes as k8s

namespace := object.get(input.resource.attributes, ["metadata", "namespace"], "default")

account := object.get(k8s.pod_spec, "serviceAccountName", object.get(k8s.pod_spec, "serviceAccount", "default"))

account_opts_out if {
	some sa in lib.resources("ServiceAccount")
	object.get(sa.attributes, ["metadata", "name"], "") == account
	object.get(sa.attributes, ["metadata", "namespace"], "default") == namespace
	sa.attributes.automountServiceAccountToken == false
}

deny contains "the pod sets automountServiceAccountToken: true" if {
	k8s.pod_spec.automountServiceAccountToken == true
}

deny contains msg if {
	not "automountServiceAccountToken" in object.keys(k8s.pod_spec)
	not account_opts_out
	msg := sprintf("the pod mounts a token for service account %q (automountServiceAccountToken is not false on the pod or the account)", [account])
}
