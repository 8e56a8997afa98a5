package status

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"
)

var mdEscape = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "(", `\(`, ")", `\)`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "!", `\!`, "~", `\~`, "\r", " ", "\n", " ",
)

func md(s string) string { return mdEscape.Replace(s) }

// code puts s in a code span, where Markdown shows it as it is; a backtick
// would end the span and a pipe the table cell, so they are replaced.
func code(s string) string {
	return "`" + strings.NewReplacer("`", "'", "|", "¦", "\r", " ", "\n", " ").Replace(s) + "`"
}

func expires(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Format(time.DateOnly)
}

// Markdown writes the page as Markdown.
func Markdown(w io.Writer, p *Page) error {
	bw := bufio.NewWriter(w)
	f := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	f("# %s\n", md(p.Title))
	if len(p.Providers) == 0 {
		f("\nNo rule checked anything in this scan.\n")
	}
	for _, pr := range p.Providers {
		f("\n## %s\n\n### Compliant with these settings\n\n", md(pr.Name))
		if len(pr.Compliant) == 0 {
			f("None yet.\n")
		}
		for _, s := range pr.Compliant {
			f("- **%s** (%s, %d checked)", md(s.Title), code(s.RuleID), s.Resources)
			if s.Controls != "" {
				f(": %s", md(s.Controls))
			}
			f("\n")
		}
		f("\n### Known exceptions\n\n")
		if len(pr.Exceptions) == 0 {
			f("None.\n")
		} else {
			f("| Rule | Resource | Justification | Owner | Expires | Ticket |\n| --- | --- | --- | --- | --- | --- |\n")
			for _, x := range pr.Exceptions {
				f("| %s (%s) | %s | %s | %s | %s | %s |\n", md(x.RuleTitle), code(x.RuleID), code(x.Resource), md(x.Justification), md(x.Owner), expires(x.Expires), md(x.Ticket))
			}
		}
		f("\n### Extra steps\n\n")
		if len(pr.ExtraSteps) == 0 {
			f("None.\n")
		}
		for _, s := range pr.ExtraSteps {
			f("- **%s** (%s) %s:\n", md(s.Title), code(s.RuleID), md(s.Why))
			for _, r := range s.Resources {
				f("  - %s at %s\n", code(r.Resource), md(r.Location))
			}
			if s.Remediation != "" {
				f("  - To do: %s\n", md(s.Remediation))
			}
		}
	}
	return bw.Flush()
}

//go:embed status.html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("status").Funcs(template.FuncMap{"expires": expires}).Parse(htmlSource))

// HTML writes the page as one HTML page; html/template escapes every field.
func HTML(w io.Writer, p *Page) error {
	if err := htmlTemplate.Execute(w, p); err != nil {
		return fmt.Errorf("status page: %w", err)
	}
	return nil
}
