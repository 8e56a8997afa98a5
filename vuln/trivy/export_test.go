package trivy

// ParseFast exposes the fast path alone for the differential tests.
var ParseFast = parseFast

// ParseFastShared is ParseFast whose strings share the input's memory.
var ParseFastShared = parseFastShared
