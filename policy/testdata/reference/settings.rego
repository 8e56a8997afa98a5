# The Rego definitions of the setting readers of rules/lib/aws_props.rego and
# rules/lib/aws_services.rego (name, get and _normal) that the built-ins
# attest.setting_path and attest.setting replaced (policy/builtins_settings.go),
# with the resource and the table of CloudFormation property paths as
# parameters (reading the attribute with attest.get, as lib.get does). They
# are the reference TestSettings_matchRego and FuzzSettings
# hold the built-ins to.
package reference

_cfn(r) if r.format == "cloudformation"

setting_path(r, names, attr) := names[r.type][attr] if _cfn(r)

setting_path(r, _, attr) := attr if not _cfn(r)

setting(r, names, attr, d) := _normal(attest.get(r, setting_path(r, names, attr), d))

_normal(v) := true if {
	is_string(v)
	lower(v) == "true"
} else := false if {
	is_string(v)
	lower(v) == "false"
} else := to_number(v) if {
	is_string(v)
	regex.match(`^[0-9]+$`, v)
} else := v
