package attest

// Input formats a loader can produce resources from.
const (
	FormatTerraform      = "terraform"       // HCL configuration
	FormatTerraformPlan  = "terraform-plan"  // terraform show -json of a plan
	FormatTerraformState = "terraform-state" // terraform.tfstate, version 4
	FormatCloudFormation = "cloudformation"
	FormatKubernetes     = "kubernetes"
	FormatDockerfile     = "dockerfile"
	FormatOpta           = "opta"
)

// Resource is one piece of infrastructure as a loader sees it.
//
// Attributes hold JSON-like values only (nil, bool, float64, int64, string,
// []any, map[string]any) so that they pass to the policy engine unchanged.
// Values that cannot be known statically (computed attributes, data sources
// that read the cloud, variables with no value) are left out of Attributes
// and their paths listed in Unknown: a rule never fails on an unknown value.
type Resource struct {
	// Type is the resource type in its format's own words:
	// aws_s3_bucket, AWS::S3::Bucket, Deployment.
	Type string `json:"type"`
	// Address identifies the resource within its root module the way the
	// format's own tools do: module.db.aws_db_instance.this[0].
	Address string `json:"address"`
	// Mode is "managed" or "data" for Terraform; empty elsewhere.
	Mode string `json:"mode,omitempty"`
	// Provider is the provider name: aws, kubernetes, docker.
	Provider string `json:"provider,omitempty"`
	// Format is the input format the resource came from (Format* constants).
	Format string `json:"format"`
	// Root is the root module directory (or the file, for single-file formats)
	// that the resource belongs to. Lookups between resources stay within it.
	Root string `json:"root"`
	// Module is the module path (module.a.module.b), empty in the root module.
	Module string `json:"module,omitempty"`
	// Attributes are the evaluated arguments and nested blocks. A nested block
	// appears as a list of objects under its type name.
	Attributes map[string]any `json:"attributes"`
	// Unknown lists attribute paths (dot-separated, list indexes as numbers)
	// whose values could not be known statically. UnknownWhole in it says
	// that no part of the resource is known for sure.
	Unknown []string `json:"unknown,omitempty"`
	// Refs maps an attribute path to the addresses of the resources its
	// expression referred to, so that a rule can join a bucket policy to its
	// bucket whether it names the bucket by reference or by literal name.
	Refs map[string][]string `json:"refs,omitempty"`
	// Range is where the resource is declared.
	Range Range `json:"range"`
	// ModuleCalls are the module blocks that led to the resource, outermost
	// first, so that a finding inside a module can also point at the call.
	ModuleCalls []Range `json:"module_calls,omitempty"`
	// Conditional is set when whether the resource exists at all is not
	// known statically: it stands in for the instances of a block (or of an
	// enclosing module) whose count or for_each depends on values known only
	// at apply time, which may be none. It holds the address of that block
	// or of the innermost such module call (module.a.module.b). A join counts
	// a conditional resource as present only for resources inside that same
	// module call, which exist exactly when it does: a bucket whose only
	// public access block might not exist is unknown, not a pass.
	Conditional string `json:"conditional,omitempty"`
}

// UnknownWhole, as an entry of Resource.Unknown, says that the resource as
// a whole may differ from what was loaded: a Helm template that reads the
// cluster (lookup) or needs a value the scan was not given (required). A
// rule may fail such a resource on what it does hold, but never pass it:
// the policy engine turns its passes into unknown.
const UnknownWhole = "*"
