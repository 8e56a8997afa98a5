# METADATA
# title: Session Manager ends shell sessions idle for more than 15 minutes
# description: >-
#   A shell left open on an unattended laptop is a session anyone passing by
#   can use with the operator's rights. Session Manager's preferences (the
#   Session document of sessionType Standard_Stream, usually named
#   SSM-SessionManagerRunShell) end a session after idleSessionTimeout
#   minutes without input; the operator then has to sign in to AWS and start
#   a new one. AWS's default is 20 minutes; PCI DSS asks for at most 15. A
#   preferences document fails when inputs.idleSessionTimeout is absent or
#   above 15. Other documents are not session preferences and pass. Content
#   that is not known statically, or that cannot be read as JSON or YAML,
#   makes the verdict unknown.
# custom:
#   id: aws-ssm-session-idle-timeout
#   severity: medium
#   resource_types: [aws_ssm_document, "AWS::SSM::Document"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.2.8]
#   remediation: Set idleSessionTimeout to 15 minutes or less in the inputs of the Session Manager preferences document.
#   remediation_by_format:
#     terraform: >-
#       In the content of the aws_ssm_document with document_type = "Session"
#       and sessionType "Standard_Stream", set inputs = { idleSessionTimeout
#       = "15", ... }.
#     cloudformation: >-
#       In the Content of the AWS::SSM::Document with DocumentType: Session
#       and sessionType: Standard_Stream, set inputs: {idleSessionTimeout:
#       "15"}.
package attest.rules.aws.ssm_session_idle_timeout

import data.attest.lib
import data.attest.lib.aws.svc

type_attr := "DocumentType" if svc.cfn

type_attr := "document_type" if not svc.cfn

content_attr := "Content" if svc.cfn

content_attr := "content" if not svc.cfn

raw := lib.get(input.resource, content_attr, null)

# content is the document as an object: CloudFormation gives an object (or
# a string), Terraform a JSON or YAML string.
content := raw if is_object(raw)

content := json.unmarshal(raw) if {
	is_string(raw)
	json.is_valid(raw)
}

content := yaml.unmarshal(raw) if {
	is_string(raw)
	not json.is_valid(raw)
	yaml.is_valid(raw)
}

session_document if lower(lib.get(input.resource, type_attr, "")) == "session"

# preferences holds when the document is Session Manager's preferences.
preferences if {
	session_document
	is_object(content)
	object.get(content, "sessionType", "") == "Standard_Stream"
}

timeout_path := sprintf("%s.inputs.idleSessionTimeout", [content_attr])

timeout := to_number(trim_space(v)) if {
	v := object.get(content, ["inputs", "idleSessionTimeout"], null)
	is_string(v)
	regex.match(`^\s*[0-9]+\s*$`, v)
} else := v if {
	v := object.get(content, ["inputs", "idleSessionTimeout"], null)
	is_number(v)
}

undetermined if lib.is_unknown(input.resource, type_attr)

undetermined if {
	session_document
	content_attr in object.get(input.resource, "unknown", [])
}

undetermined if {
	session_document
	is_string(raw)
	not content
}

undetermined if {
	preferences
	lib.is_unknown(input.resource, timeout_path)
}

undetermined if {
	preferences
	some p in ["sessionType", "inputs"]
	sprintf("%s.%s", [content_attr, p]) in object.get(input.resource, "unknown", [])
}

deny contains msg if {
	preferences
	not undetermined
	not timeout
	msg := "the Session Manager preferences set no idleSessionTimeout: idle sessions stay open for AWS's default of 20 minutes"
}

deny contains msg if {
	preferences
	not undetermined
	timeout > 15
	msg := sprintf("idleSessionTimeout is %v minutes, more than 15", [timeout])
}

unknown contains msg if {
	undetermined
	msg := "the document's type or content is not known statically (or cannot be read as JSON or YAML)"
}
