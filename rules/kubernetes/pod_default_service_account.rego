# METADATA
# title: Workloads run under their own service account
# description: >-
#   Every pod that names no service account runs as its namespace's default
#   account, so a permission granted to one such workload is granted to all
#   of them and their API calls cannot be told apart in the audit log. A pod
#   that uses the default account without mounting its token
#   (automountServiceAccountToken: false) passes: it holds no credential.
# custom:
#   id: k8s-pod-default-service-account
#   severity: low
#   benchmark: "CIS Kubernetes 5.1.5"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.5, 8.2.2]
#   remediation: >-
#     Create a ServiceAccount for the workload and name it in
#     serviceAccountName, or set automountServiceAccountToken: false when
#     the pod needs no API access.
package attest.rules.kubernetes.pod_default_service_account

import data.attest.lib.kubernetes as k8s

account := object.get(k8s.pod_spec, "serviceAccountName", object.get(k8s.pod_spec, "serviceAccount", "default"))

deny contains "the pod runs as the namespace's default service account with its token mounted" if {
	account in {"", "default"}
	object.get(k8s.pod_spec, "automountServiceAccountToken", true) != false
}
