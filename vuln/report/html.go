package report

import (
	"bufio"
	"html/template"
	"io"

	"github.com/attest-dev/attest"
	"github.com/attest-dev/attest/vuln"
)

// htmlPage is the single-file HTML report: inline CSS, no scripts, no
// external assets; html/template escapes every value.
var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"fixedIn":  func(v attest.Vulnerability) string { return fixedIn(&v) },
	"epss":     func(v attest.Vulnerability) string { return epss(&v) },
	"kev":      func(v attest.Vulnerability) string { return kev(&v) },
	"scanners": func(v attest.Vulnerability) string { return scanners(&v) },
	"notes":    func(v attest.Vulnerability) string { return vexNote(&v) },
	"ref":      vuln.ArtifactRef,
	"why":      suppressedWhy,
	"title":    severityTitle,
	"time":     func(r *vuln.Report) string { return r.Generated.UTC().Format("2006-01-02 15:04 UTC") },
	"inputs":   inputsLine,
	"first": func(r *vuln.Report) []attest.Vulnerability {
		var out []attest.Vulnerability
		for _, v := range r.Vulnerabilities {
			if actFirst(&v) {
				out = append(out, v)
			}
		}
		return out
	},
	"artifacts": func(r *vuln.Report) []artifactSection { return byArtifact(r.Vulnerabilities) },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vulnerability report</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:78rem;padding:0 1rem;color:#1f2328}
h1,h2,h3{line-height:1.2}h2{margin-top:2.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1.2rem}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.sev{font-weight:600;text-transform:capitalize}.critical{color:#fff;background:#a40e26}.high{color:#fff;background:#d1242f}
.medium{background:#f5c542}.low{background:#ddf4ff}.info,.unknown{background:#eaeef2}.kev{color:#a40e26;font-weight:600}
.muted{color:#59636e}
</style>
</head>
<body>
<h1>Vulnerability report</h1>
<p class="muted">Generated {{time .Report}} by attest from {{inputs .Report}}.</p>

<h2>Summary</h2>
<p><strong>{{.Summary.Active}} open</strong> vulnerabilities: {{.Summary.KEV}} in CISA KEV, {{.Summary.Fixable}} with a fix. {{.Summary.Suppressed}} suppressed{{if .Hidden}}, {{.Hidden}} hidden by filters{{end}}.</p>
<table>
<tr><th>Severity</th><th>Fix available</th><th>No fix yet</th><th>Won't fix</th><th>Unknown</th><th>Total</th></tr>
{{range .Summary.BySeverity}}{{if or .Total (ne .Severity "unknown")}}<tr><td class="sev {{.Severity}}">{{title .Severity}}</td><td class="n">{{.Fixed}}</td><td class="n">{{.NotFixed}}</td><td class="n">{{.WontFix}}</td><td class="n">{{.Unknown}}</td><td class="n">{{.Total}}</td></tr>
{{end}}{{end}}</table>

<h2>Act first</h2>
{{with first .Report}}<p>In CISA KEV, or critical or high with a fix, most urgent first.</p>
{{template "short" .}}{{else}}<p>Nothing: no open vulnerability is in CISA KEV or critical/high with a fix.</p>{{end}}

{{with .Diff}}<h2>Since the previous release</h2>
<p>{{len .New}} new, {{len .Fixed}} fixed, {{len .Open}} still open ({{len .Changed}} changed){{if .Suppressed}}, {{len .Suppressed}} newly suppressed{{end}}.</p>
{{if .New}}<h3>New</h3>{{template "short" .New}}{{end}}
{{if .Changed}}<h3>Changed</h3>
<table><tr><th>ID</th><th>Package</th><th>Artifact</th><th>Change</th></tr>
{{range .Changed}}<tr><td>{{.Vulnerability.ID}}</td><td><code>{{.Vulnerability.Package.Name}} {{.Vulnerability.Package.Version}}</code></td><td><code>{{ref .Vulnerability.Artifact}}</code></td><td>{{range $i, $r := .Reasons}}{{if $i}}; {{end}}{{$r}}{{end}}</td></tr>
{{end}}</table>{{end}}
{{if .Fixed}}<h3>Fixed</h3>
<table><tr><th>Severity</th><th>ID</th><th>Package</th><th>Was installed</th><th>Artifact</th></tr>
{{range .Fixed}}<tr><td class="sev {{.Severity}}">{{.Severity}}</td><td>{{.ID}}</td><td><code>{{.Package.Name}}</code></td><td><code>{{.Package.Version}}</code></td><td><code>{{ref .Artifact}}</code></td></tr>
{{end}}</table>{{end}}
{{end}}
<h2>By artifact</h2>
{{range artifacts .Report}}<h3><code>{{.Ref}}</code></h3>
<p>{{len .Vulns}} open.</p>
<table>
<tr><th>Severity</th><th>ID</th><th>Package</th><th>Installed</th><th>Fixed in</th><th>KEV</th><th>EPSS</th><th>Scanners</th><th>Notes</th></tr>
{{range .Vulns}}<tr><td class="sev {{.Severity}}">{{.Severity}}</td><td>{{.ID}}{{if .Title}}<br><span class="muted">{{.Title}}</span>{{end}}</td><td><code>{{.Package.Name}}</code></td><td><code>{{.Package.Version}}</code></td><td>{{fixedIn .}}</td><td class="{{if .KEV}}kev{{end}}">{{kev .}}</td><td class="n">{{epss .}}</td><td>{{scanners .}}</td><td>{{notes .}}</td></tr>
{{end}}</table>
{{else}}<p>No open vulnerabilities.</p>
{{end}}
{{with .Suppressed}}<h2>Suppressed</h2>
<table><tr><th>ID</th><th>Package</th><th>Artifact</th><th>By</th><th>Status</th><th>Why</th></tr>
{{range .}}<tr><td>{{.ID}}</td><td><code>{{.Package.Name}} {{.Package.Version}}</code></td><td><code>{{ref .Artifact}}</code></td><td>{{.Suppression.By}}</td><td>{{.Suppression.Status}}</td><td>{{why .Suppression}}</td></tr>
{{end}}</table>{{end}}
{{with .ExpiredIgnores}}<h2>Expired ignore rules</h2>
<p>These rules no longer ignore anything; renew them with a new reason or fix what they match.</p>
<ul>{{range .}}<li>{{.Rule.ID}} (<code>{{.Rule.Source}}</code>) expired {{.Rule.Expires}}; {{.Matches}} vulnerabilities match it. Reason was: {{.Rule.Reason}}</li>
{{end}}</ul>{{end}}
</body>
</html>
{{define "short"}}<table>
<tr><th>Severity</th><th>ID</th><th>Package</th><th>Installed</th><th>Fixed in</th><th>KEV</th><th>EPSS</th><th>Artifact</th></tr>
{{range .}}<tr><td class="sev {{.Severity}}">{{.Severity}}</td><td>{{.ID}}</td><td><code>{{.Package.Name}}</code></td><td><code>{{.Package.Version}}</code></td><td>{{fixedIn .}}</td><td class="{{if .KEV}}kev{{end}}">{{kev .}}</td><td class="n">{{epss .}}</td><td><code>{{ref .Artifact}}</code></td></tr>
{{end}}</table>{{end}}
`))

// htmlData is what the template reads: the report plus its suppressed list.
type htmlData struct {
	*vuln.Report
	Suppressed []attest.Vulnerability
}

// HTML writes the report as one self-contained HTML page.
func HTML(w io.Writer, r *vuln.Report) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := htmlPage.Execute(bw, htmlData{Report: r, Suppressed: r.Suppressed()}); err != nil {
		return err
	}
	return bw.Flush()
}
