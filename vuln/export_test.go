package vuln

// ReferenceMergeParts is the merge before the Collector, for tests that
// hold the current one to it.
var ReferenceMergeParts = referenceMergeParts
