// Package kubernetes loads Kubernetes manifests into attest resources: plain
// YAML (several documents per file, List kinds) and JSON files, Helm charts
// rendered with Helm's own engine, and Kustomize overlays built with
// kustomize's krusty, all without a cluster or the network.
//
// Each object becomes one resource whose Type is its kind and whose Address
// is Kind/namespace/name (Kind/name for cluster-scoped kinds). A namespaced
// object that names no namespace is given "default", the namespace that
// kubectl applies it to with no other context; the attribute
// namespace_defaulted says so. Attributes are the object as written
// (apiVersion, kind, metadata, spec, ...). Every workload kind that holds a
// pod template (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
// CronJob, ReplicationController, PodTemplate, Argo Rollout) also carries it
// in two normalised attributes, pod_spec and pod_metadata, so that one rule
// reads every kind alike (WorkloadKinds lists them). A kind the package does
// not know is loaded generically, never refused.
//
// The source range of an object is its document: the first line of the
// object's content and the last non-blank line of the document (of the list
// item, for a List). Objects rendered by Helm point at their template file:
// at the template's matching document when the template renders one object
// per document, at the whole file otherwise.
package kubernetes
