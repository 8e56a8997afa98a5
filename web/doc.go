// Package web is the dashboard of attest serve: pages rendered on the server
// with html/template, a stylesheet and one small script (the live event feed
// over Server-Sent Events) embedded in the binary, charts drawn as SVG in
// Go. Package http mounts it at "/" (every path outside /api/, /healthz,
// /readyz and /metrics).
//
// Pages and the role each needs (admin may do everything, respond may read):
//
//	GET  /                     read: overview
//	GET  /events               read: filters source, actor, action, outcome; newest first
//	GET  /events/live          read: Server-Sent Events of new events (same filters)
//	GET  /events/{seq}         read: one event with its raw record
//	GET  /actors/{name}        read: the actor's timeline across sources
//	GET  /log                  read: latest checkpoint, size, last verification
//	POST /log/verify           admin: verify the whole log now (recorded)
//	GET  /signin               none: the ways to sign in
//	GET  /auth/oidc            none: start OIDC sign-in
//	GET  /auth/callback        none: OIDC redirect back
//	POST /signin/token         none: sign in with an API token (read, respond or admin)
//	GET  /signin/link?t=       none: confirm a one-time sign-in link
//	POST /signin/link          none: use it
//	POST /signout              signed in
//	GET  /static/...           none: stylesheet and script
//
// Sessions are kept in the store (attest.SessionStore), not in signed
// cookies: the cookie holds a random secret, the store its SHA-256, so that
// signing out ends the session everywhere at once, replicas over PostgreSQL
// share sessions without sharing a cookie key, and every sign-in and
// sign-out is an audit record written in the same transaction as the
// change. The CSRF token of a session is derived from its secret (HMAC), so
// it needs no storage; every POST also has its Origin (or Referer) checked
// against the server's own, and a cross-site one is refused before anything
// else. Every answer carries a Content-Security-Policy that allows scripts,
// styles and connections from the server alone (no inline script or style)
// and forbids framing.
package web
