# Helpers for rules over the Terraform azurerm provider.
package attest.lib.azure

# public_source(p) holds for an NSG address prefix that stands for any
# address: the wildcard, the default route or the Internet service tag.
public_source(p) if lower(p) in {"*", "0.0.0.0", "0.0.0.0/0", "::/0", "internet", "any"}

# sources(rule) is every source prefix of an NSG rule (an inline
# security_rule block's attributes or an azurerm_network_security_rule's).
sources(rule) := {p | some p in object.get(rule, "source_address_prefixes", [])} | {p |
	p := object.get(rule, "source_address_prefix", null)
	p != null
}

# ports(rule) is every destination port spec of an NSG rule.
ports(rule) := {p | some p in object.get(rule, "destination_port_ranges", [])} | {p |
	p := object.get(rule, "destination_port_range", null)
	p != null
}

# covers(spec, port): an NSG port spec ("*", "22", "20-30") includes port.
covers("*", _)

covers(spec, port) if {
	is_string(spec)
	regex.match(`^[0-9]+$`, spec)
	to_number(spec) == port
}

covers(spec, port) if {
	is_number(spec)
	spec == port
}

covers(spec, port) if {
	is_string(spec)
	parts := regex.find_all_string_submatch_n(`^([0-9]+)-([0-9]+)$`, spec, 1)[0]
	to_number(parts[1]) <= port
	port <= to_number(parts[2])
}

# allows_inbound_tcp(rule) holds for a rule that lets inbound TCP through.
allows_inbound_tcp(rule) if {
	lower(object.get(rule, "direction", "")) == "inbound"
	lower(object.get(rule, "access", "")) == "allow"
	lower(object.get(rule, "protocol", "")) in {"tcp", "*"}
}
