// Package ingest turns the request bodies that security sources send into
// attest.Events. Each source has its normaliser in a package beneath this one
// (k8saudit, falco, cloudtrail, generic); this package holds what they share:
// the Normaliser interface, the error types of a refused body or record, a
// JSON splitter that keeps every record's bytes exactly as they arrived, and
// Decompress for gzip bodies.
//
// # Batches
//
// A body may carry many records (a Kubernetes EventList, a CloudTrail log
// file, an array of alerts, newline-delimited JSON). The policy is:
//
//   - A body that is not JSON, is truncated, or is JSON of a shape the source
//     never sends (a Kubernetes body whose kind is not EventList or Event) is
//     refused whole with a *BodyError that gives the byte offset and the
//     line and column of the problem. No events are returned.
//   - Within a body that parses, each record is normalised on its own. A
//     record of the wrong shape (not an object, a required field missing, a
//     field of the wrong JSON type, a time that does not parse) is listed in
//     a *BatchError with its index in the batch, its offset, line and column
//     and the reason. The BatchError also holds the events of the records
//     that were fine, in Good; Normalise itself returns no events with it.
//     Whether to keep Good is the caller's decision: the HTTP server refuses
//     the whole batch by default, so that nothing is accepted in part
//     without the sender being told.
//   - A body with no records (an empty EventList, an empty array) gives no
//     events and no error.
//
// Both error types wrap an *attest.Error with code EINVALID, so
// attest.ErrorCode reports them as invalid input.
//
// # Raw records
//
// Every event's Raw is the record's bytes exactly as they arrived: a slice of
// the body passed to Normalise (of the decompressed body, for gzip), never
// re-encoded. The slices share memory with the body, so the caller must not
// reuse or modify the body after Normalise returns. For sources that wrap a
// record in an envelope of their own (an EventBridge event around a
// CloudTrail record, an Okta event hook around System Log events), Raw is the
// unit the source sent as one event: documented by each normaliser.
//
// The Received field of an event is left zero: the caller sets it.
package ingest
