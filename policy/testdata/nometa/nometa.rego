package attest.rules.test.nometa

deny contains "x" if input.resource.type == "a"
