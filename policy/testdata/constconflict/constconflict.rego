# METADATA
# title: Test buckets read a table whose two definitions disagree
# custom:
#   id: test-constant-conflict
#   severity: low
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [A1.2]
package attest.rules.test.constconflict

# limit reads no input, so a worker would keep its value from one resource
# to the next; its two bodies give different values, which is a conflict on
# every resource.
limit := 1

limit := 2 if count([1]) == 1

deny contains "over the limit" if limit == 1
