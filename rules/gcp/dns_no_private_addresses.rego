# METADATA
# title: Public Cloud DNS zones do not publish internal addresses
# description: >-
#   An A or AAAA record of a public managed zone that points at a private
#   address (RFC 1918, the 100.64.0.0/10 shared range, IPv6 unique local)
#   tells anyone on the internet how the internal network is laid out.
#   Internal names belong in a zone with visibility = "private". A record
#   set fails when it holds such an address and its zone, declared in the
#   same configuration (by reference or by name), is public (the default).
#   It is unknown when it might hold one (an address known only at apply
#   time, such as an instance's network_ip) in a public zone, or holds one
#   in a zone the configuration does not declare.
# custom:
#   id: gcp-dns-no-private-addresses
#   severity: low
#   resource_types: [google_dns_record_set]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [1.4.5]
#   remediation: >-
#     Move the record to a google_dns_managed_zone with visibility =
#     "private" and private_visibility_config naming the VPC networks that
#     need it.
package attest.rules.gcp.dns_no_private_addresses

import data.attest.lib

address_record if upper(lib.get(input.resource, "type", "")) in {"A", "AAAA"}

private_addresses := {trim_space(v) |
	some v in lib.get(input.resource, "rrdatas", [])
	is_string(v)
	lib.internal_address(v)
}

zone_name := lib.get(input.resource, "managed_zone", null)

zones contains z if {
	some z in lib.resources("google_dns_managed_zone")
	z.address in object.get(input.resource, ["refs", "managed_zone"], [])
}

zones contains z if {
	is_string(zone_name)
	some z in lib.resources("google_dns_managed_zone")
	lib.get(z, "name", null) == zone_name
}

private_zone(z) if lower(lib.get(z, "visibility", "public")) == "private"

zone_undecided(z) if lib.is_unknown(z, "visibility")

public_zone if {
	some z in zones
	not private_zone(z)
	not zone_undecided(z)
}

zone_known if {
	count(zones) > 0
	every z in zones {
		not zone_undecided(z)
	}
}

all_private if {
	zone_known
	every z in zones {
		private_zone(z)
	}
}

deny contains msg if {
	address_record
	public_zone
	count(private_addresses) > 0
	msg := sprintf("the public zone publishes the internal address(es) %s", [concat(", ", sort(private_addresses))])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "type")
	msg := "type is not known statically"
}

unknown contains msg if {
	address_record
	count(private_addresses) > 0
	not zone_known
	msg := "the record holds an internal address, and whether its zone is public is not known from this configuration"
}

unknown contains msg if {
	address_record
	count(private_addresses) == 0
	lib.is_unknown(input.resource, "rrdatas")
	not all_private
	msg := "rrdatas is not known statically and may hold an internal address"
}
