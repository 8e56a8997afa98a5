# METADATA
# title: Services are not exposed on node ports
# description: >-
#   A NodePort Service opens its port on every node of the cluster, on the
#   nodes' own addresses, outside the Ingress and load balancer where TLS,
#   authentication and access logs are set up; firewalls in front of the
#   nodes are then all that stands between the port and the network.
# custom:
#   id: k8s-service-node-port
#   severity: medium
#   benchmark: "Network exposure: NodePort Services (Kubescape C-0044)"
#   resource_types: [Service]
#   controls:
#     soc2: [CC6.6, CC6.1]
#     pci-dss-4.0: [1.3.1, 1.2.5]
#   remediation: >-
#     Use a ClusterIP Service behind an Ingress or a load balancer, or waive
#     the finding with the reason the node port is needed.
package attest.rules.kubernetes.service_node_port

deny contains msg if {
	object.get(input.resource.attributes, ["spec", "type"], "ClusterIP") == "NodePort"
	ports := [sprintf("%v", [object.get(p, "nodePort", "any")]) | some p in object.get(input.resource.attributes, ["spec", "ports"], [])]
	msg := sprintf("the Service is exposed on every node (NodePort %s)", [concat(", ", ports)])
}
