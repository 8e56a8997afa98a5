// Package terraform loads Terraform configuration (HCL) into attest resources.
//
// LoadModule reads a root module directory with every module it calls (local
// sources and those that `terraform init` downloaded), applies variables from
// defaults, tfvars files and the command line, evaluates locals, count,
// for_each, dynamic blocks and module inputs and outputs, and returns one
// attest.Resource per resource instance.
//
// Evaluation is lazy: a local, a variable, a module output or a resource is
// evaluated the first time something needs it and then remembered, so each
// module instance is evaluated once and cycles are reported rather than
// looped on. Nothing is guessed: a value that is not known statically
// (a computed attribute, a data source that reads the cloud, a variable with
// no value, timestamp()) is left out of a resource's attributes and its path
// listed in Unknown. terraform.workspace is unknown unless Options.Workspace
// names it.
//
// The configuration is untrusted: files are read only inside the tree that
// Options.Root or TreeRoot gives, and the values expressions build are
// bounded by Options.Limits (see Limits); a breach is an error at the
// expression, whose value is then unknown.
//
// Values in Attributes are JSON-like: nil, bool, string, int64 for whole
// numbers that fit, float64 for other numbers, []any and map[string]any.
//
// References between resources are tracked with cty marks: every resource
// instance value is marked with its address, marks flow through locals,
// module inputs and outputs and function calls, and the marks found in an
// attribute's value become that attribute's Refs.
//
// A resource whose count or for_each is not known statically is reported as
// a gap (attest.DiagGap, with the resources it stands for in Affected), not
// an error, and still emitted once, at its address without an instance key,
// with count.index, each.key and each.value unknown: attributes that do not
// depend on the instance keep their values, the others are listed in
// Unknown. A module terraform init has not downloaded and a capped expansion
// are gaps too; a count or for_each Terraform would refuse (null, negative,
// the wrong type) is an error.
//
// Files are *.tf and *.tf.json (rewritten as native syntax on the same lines,
// see tfjson.go); override files are merged last (see override.go).
package terraform
