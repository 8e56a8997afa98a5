package tfplan_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/attest-dev/attest/iac/tfplan"
)

// bigPlan builds a plan of n S3 buckets spread over for_each module
// instances, each with unknown values and a reference to a KMS key.
func bigPlan(n int) []byte {
	type res = map[string]any
	var modules []any
	var changes []any
	perModule := 100
	for m := 0; m*perModule < n; m++ {
		addr := fmt.Sprintf(`module.buckets["m%03d"]`, m)
		var rs []any
		for i := 0; i < perModule && m*perModule+i < n; i++ {
			a := fmt.Sprintf("%s.aws_s3_bucket.this[%d]", addr, i)
			rs = append(rs, res{"address": a, "mode": "managed", "type": "aws_s3_bucket", "name": "this", "index": i,
				"provider_name": "registry.terraform.io/hashicorp/aws",
				"values": res{"bucket": fmt.Sprintf("b-%d-%d", m, i), "force_destroy": false, "tags": res{"team": "x", "n": i},
					"server_side_encryption_configuration": []any{res{"rule": []any{res{"apply_server_side_encryption_by_default": []any{res{"sse_algorithm": "aws:kms"}}}}}}}})
			changes = append(changes, res{"address": a, "module_address": addr, "change": res{"actions": []any{"create"},
				"after_unknown": res{"arn": true, "id": true, "versioning": true, "server_side_encryption_configuration": []any{res{"rule": []any{res{"apply_server_side_encryption_by_default": []any{res{"kms_master_key_id": true}}}}}}}}})
		}
		modules = append(modules, res{"address": addr, "resources": rs})
	}
	doc := res{
		"format_version":   "1.2",
		"planned_values":   res{"root_module": res{"child_modules": modules}},
		"resource_changes": changes,
		"configuration": res{"root_module": res{"module_calls": res{"buckets": res{"module": res{"resources": []any{
			res{"address": "aws_s3_bucket.this", "expressions": res{"server_side_encryption_configuration": []any{res{"rule": []any{res{"apply_server_side_encryption_by_default": []any{res{
				"kms_master_key_id": res{"references": []any{"aws_kms_key.k.arn", "aws_kms_key.k"}}}}}}}}}},
		}}}}}},
	}
	b, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return b
}

func BenchmarkLoad(b *testing.B) {
	data := bigPlan(10000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		res, diags, err := tfplan.Load("plan.json", bytes.NewReader(data))
		if err != nil || len(diags) != 0 || len(res) != 10000 {
			b.Fatalf("Load: %d resources, %v, %v", len(res), diags, err)
		}
	}
}
