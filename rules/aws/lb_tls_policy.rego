# METADATA
# title: Load balancer listeners use a TLS 1.2+ security policy
# description: >-
#   The security policy of an HTTPS or TLS listener decides which protocol
#   versions and ciphers clients may use. Policies such as
#   ELBSecurityPolicy-2016-08 (long the default) still accept TLS 1.0 and 1.1,
#   which are deprecated and no longer count as strong cryptography. A
#   listener passes with a policy that accepts TLS 1.2 and 1.3 only: the
#   ELBSecurityPolicy-TLS13-1-2-2021-06 family (Res, Ext1, Ext2, FIPS and the
#   TLS13-1-3 policies) and the older TLS-1-2 and FS-1-2 policies. A listener
#   that names no policy fails, since the provider then falls back to an old
#   one.
# custom:
#   id: aws-lb-tls-policy
#   severity: medium
#   resource_types: [aws_lb_listener, aws_alb_listener, "AWS::ElasticLoadBalancingV2::Listener"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1, 2.2.7]
#   remediation: >-
#     Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or a
#     TLS13-1-2-Res or TLS13-1-3 policy).
#   remediation_by_format:
#     terraform: >-
#       Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or a
#       TLS13-1-2-Res or TLS13-1-3 policy).
#     cloudformation: >-
#       Set SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06 (or a TLS13-1-2-Res
#       or TLS13-1-3 policy) on the AWS::ElasticLoadBalancingV2::Listener.
package attest.rules.aws.lb_tls_policy

import data.attest.lib.aws.props

encrypted if upper(props.get("protocol", "")) in {"HTTPS", "TLS"}

policy := props.get("ssl_policy", "")

modern(p) if regex.match(`^ELBSecurityPolicy-TLS13-1-[23]-`, p)

modern(p) if regex.match(`^ELBSecurityPolicy-(TLS-1-2|FS-1-2)-`, p)

deny contains msg if {
	encrypted
	not props.is_unknown("ssl_policy")
	policy == ""
	msg := sprintf("%s is not set; the fallback policy accepts TLS 1.0", [props.name("ssl_policy")])
}

deny contains msg if {
	encrypted
	policy != ""
	not modern(policy)
	msg := sprintf("%s %s accepts protocols older than TLS 1.2", [props.name("ssl_policy"), policy])
}

unknown contains msg if {
	encrypted
	props.is_unknown("ssl_policy")
	msg := sprintf("%s is not known statically", [props.name("ssl_policy")])
}

unknown contains msg if {
	props.is_unknown("protocol")
	msg := "the listener protocol is not known statically"
}
