# METADATA
# title: LoadBalancer Services are internal or limited to known sources
# description: >-
#   A LoadBalancer Service asks the cloud for a load balancer that, by
#   default, is reachable from the whole internet. One that is neither
#   marked internal (by the cloud provider's annotation) nor limited by
#   loadBalancerSourceRanges to known networks exposes the workload to
#   everyone.
# custom:
#   id: k8s-service-load-balancer
#   severity: medium
#   benchmark: "Network exposure: LoadBalancer Services"
#   resource_types: [Service]
#   controls:
#     soc2: [CC6.6, CC6.1]
#     pci-dss-4.0: [1.3.1, 1.4.2]
#   remediation: >-
#     Mark the load balancer internal with your cloud's annotation, or list
#     the allowed networks in spec.loadBalancerSourceRanges; put public web
#     traffic behind an Ingress with TLS.
package attest.rules.kubernetes.service_load_balancer

spec := object.get(input.resource.attributes, "spec", {})

annotations := object.get(input.resource.attributes, ["metadata", "annotations"], {})

internal_annotations := {
	"service.beta.kubernetes.io/aws-load-balancer-internal": {"true", "0.0.0.0/0"},
	"service.beta.kubernetes.io/aws-load-balancer-scheme": {"internal"},
	"service.beta.kubernetes.io/azure-load-balancer-internal": {"true"},
	"networking.gke.io/load-balancer-type": {"Internal"},
	"cloud.google.com/load-balancer-type": {"Internal", "internal"},
	"service.beta.kubernetes.io/oci-load-balancer-internal": {"true"},
	"service.beta.kubernetes.io/openstack-internal-load-balancer": {"true"},
	"service.beta.kubernetes.io/do-loadbalancer-type": {"REGIONAL_NETWORK_INTERNAL"},
}

is_internal if {
	some key, values in internal_annotations
	annotations[key] in values
}

ranges := object.get(spec, "loadBalancerSourceRanges", [])

deny contains "the load balancer is reachable from anywhere (not internal, no loadBalancerSourceRanges)" if {
	object.get(spec, "type", "ClusterIP") == "LoadBalancer"
	not is_internal
	count(ranges) == 0
}

deny contains msg if {
	object.get(spec, "type", "ClusterIP") == "LoadBalancer"
	not is_internal
	some r in ranges
	r in {"0.0.0.0/0", "::/0"}
	msg := sprintf("loadBalancerSourceRanges allows %s", [r])
}
