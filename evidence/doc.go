// Package evidence is the application service of the evidence store: it
// checks that an upload is a real attest report (Parse), builds the stored
// Evidence and the audit record that commits to its hash (New), proves that
// no stored body was edited since (Verify), and derives the daily
// control-status snapshots of a framework from the scans and alerts (Day,
// Snapshotter).
//
// Evidence is immutable. Its SHA-256 is the external id of an audit-log
// record (source attest, action evidence.upload) appended in the same
// transaction as the evidence itself, so the hash is a leaf field of the
// Merkle log and survives retention; auditlog.Verify proves the record
// unchanged and Verify here proves each body still hashes to it.
package evidence
