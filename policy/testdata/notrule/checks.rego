# A rule that forgot its METADATA, outside attest.rules: it must be refused,
# not loaded as a library whose verdicts nobody reads.
package acme.checks

deny contains "always" if {
	input.resource.type == "aws_s3_bucket"
}
