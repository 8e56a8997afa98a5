package trivy

// ParseFast exposes the fast path alone for the differential tests.
var ParseFast = parseFast
