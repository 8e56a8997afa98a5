package auditor

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
)

//go:embed report.html.tmpl
var htmlSource string

// stripColours are the fill of each status in the daily strip.
var stripColours = map[string]string{"pass": "#1b7f3b", "fail": "#b3261e", "incomplete": "#d4a72c", "no-evidence": "#d0d0d0"}

// strip draws the days of a control as an SVG bar, one run of equal
// statuses per rectangle. Only the fixed status words reach it.
func strip(daily []string) template.HTML {
	const width, height = 240.0, 10.0
	if len(daily) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img" aria-label="daily status">`, width, height, width, height)
	w := width / float64(len(daily))
	for i := 0; i < len(daily); {
		j := i
		for j < len(daily) && daily[j] == daily[i] {
			j++
		}
		colour, ok := stripColours[daily[i]]
		if !ok {
			colour = stripColours["no-evidence"]
		}
		fmt.Fprintf(&b, `<rect x="%.2f" y="0" width="%.2f" height="%.0f" fill="%s"/>`, float64(i)*w, float64(j-i)*w, height, colour)
		i = j
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"day": day, "stamp": stamp, "percent": percent, "duration": duration, "expires": expires,
	"refs": refs, "strip": strip, "add": func(a, b int) int { return a + b },
}).Parse(htmlSource))

// HTML writes the report as one HTML page: a cover naming the period and
// the checkpoint, the summary with a strip of each control's days, each
// control, the populations and the signed checkpoint. html/template
// escapes every field.
func HTML(w io.Writer, r *Report) error {
	if err := htmlTemplate.Execute(w, struct{ R *Report }{r}); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	return nil
}
