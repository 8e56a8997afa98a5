# Package attest.lib.aws.ecs reads the container definitions of an ECS task
# definition, whichever input format it came from: in Terraform a JSON
# string (container_definitions, usually written with jsonencode), in
# CloudFormation a list of objects (ContainerDefinitions) whose keys start
# with a capital letter.
package attest.lib.aws.ecs

import data.attest.lib

cfn if input.resource.format == "cloudformation"

_cfn_keys := {
	"name": "Name",
	"value": "Value",
	"environment": "Environment",
	"privileged": "Privileged",
	"readonlyRootFilesystem": "ReadonlyRootFilesystem",
	"user": "User",
}

# key(k) is the container definition key k (as the ECS API spells it) in
# the resource's format.
key(k) := _cfn_keys[k] if cfn

key(k) := k if not cfn

_path := "ContainerDefinitions" if cfn

_path := "container_definitions" if not cfn

_raw := lib.get(input.resource, _path, [])

# containers is the list of container definitions as objects.
containers := [c | some c in _raw; is_object(c)] if is_array(_raw)

containers := [c | some c in json.unmarshal(_raw); is_object(c)] if {
	is_string(_raw)
	json.is_valid(_raw)
	is_array(json.unmarshal(_raw))
}

# undetermined holds when the container definitions, or one of them as a
# whole, are not known statically (in Terraform, jsonencode of anything
# unknown makes the whole string unknown).
undetermined if lib.is_unknown(input.resource, _path)

undetermined if {
	is_string(_raw)
	not json.is_valid(_raw)
}

# field_unknown(i, k) holds when key k of the i-th container is not known.
field_unknown(i, k) if {
	cfn
	lib.is_unknown(input.resource, sprintf("ContainerDefinitions.%d.%s", [i, key(k)]))
}

field_unknown(i, _) if {
	cfn
	sprintf("ContainerDefinitions.%d", [i]) in object.get(input.resource, "unknown", [])
}

# name(c) is the container's name, for messages.
name(c) := object.get(c, key("name"), "?")

# flag(c, k) is a boolean key of the container, with "true" read as true.
flag(c, k) := true if {
	v := object.get(c, key(k), false)
	v == true
} else := true if {
	v := object.get(c, key(k), false)
	is_string(v)
	lower(v) == "true"
} else := false
