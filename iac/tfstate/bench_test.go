package tfstate_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/attest-dev/attest/iac/tfstate"
)

// bigState builds a state of n S3 bucket instances over for_each keys in
// module instances.
func bigState(n int) []byte {
	type obj = map[string]any
	var resources []any
	perResource := 100
	for m := 0; m*perResource < n; m++ {
		var instances []any
		for i := 0; i < perResource && m*perResource+i < n; i++ {
			name := fmt.Sprintf("b-%d-%d", m, i)
			instances = append(instances, obj{"index_key": name, "schema_version": 0, "attributes": obj{
				"arn": "arn:aws:s3:::" + name, "bucket": name, "id": name, "force_destroy": false, "tags": obj{"n": i},
				"versioning":                           []any{obj{"enabled": true, "mfa_delete": false}},
				"server_side_encryption_configuration": []any{obj{"rule": []any{obj{"apply_server_side_encryption_by_default": []any{obj{"sse_algorithm": "AES256", "kms_master_key_id": ""}}}}}},
			}, "sensitive_attributes": []any{}})
		}
		resources = append(resources, obj{"module": fmt.Sprintf(`module.svc["m%03d"]`, m), "mode": "managed", "type": "aws_s3_bucket", "name": "this",
			"provider": `provider["registry.terraform.io/hashicorp/aws"]`, "instances": instances})
	}
	b, err := json.Marshal(obj{"version": 4, "terraform_version": "1.9.5", "serial": 1, "lineage": "x", "outputs": obj{}, "resources": resources})
	if err != nil {
		panic(err)
	}
	return b
}

func BenchmarkLoad(b *testing.B) {
	data := bigState(10000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		res, diags, err := tfstate.Load("terraform.tfstate", bytes.NewReader(data))
		if err != nil || len(diags) != 0 || len(res) != 10000 {
			b.Fatalf("Load: %d resources, %v, %v", len(res), diags, err)
		}
	}
}
