// Package auditor builds the report an auditor reads for a SOC 2 or PCI
// DSS period from the evidence store (Build) and renders it: Markdown,
// HTML, CSV populations in a zip, OSCAL assessment results (NIST OSCAL
// 1.1.3) and PDF (the HTML printed by headless Chromium).
//
// Per control it states what supports it (rules and detections), how many
// days of the period had passing evidence, the periods it failed or could
// not be decided and what ended them, the exceptions in force and the
// alerts raised with the time taken to handle them. The report names the
// signed audit-log checkpoint it was made from, so an auditor can check it
// against the log (attest audit verify --checkpoint).
//
// Every field that came from outside (repository names, resource
// addresses, justifications, alert notes) is escaped by each renderer.
package auditor
