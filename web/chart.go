package web

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"time"

	"github.com/attest-dev/attest"
)

// series is one stacked part of a bar chart; its Class picks the colour in
// the stylesheet (no inline style: the CSP forbids it).
type series struct {
	Name  string
	Class string
}

// bar is one day (or other slot) of a stacked bar chart: a value per series.
type bar struct {
	Label  string
	Values []int64
}

// barChart draws a stacked bar chart as an SVG element. Every text in it
// (labels, series names) is escaped; each bar has a <title> with its
// figures for a tooltip.
func barChart(title string, ss []series, bars []bar, width, height int) template.HTML {
	const pad, axis = 4, 18
	var top int64
	for _, b := range bars {
		var sum int64
		for _, v := range b.Values {
			sum += v
		}
		top = max(top, sum)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart" role="img" viewBox="0 0 %d %d" width="%d" height="%d" xmlns="http://www.w3.org/2000/svg"><title>%s</title>`,
		width, height, width, height, html.EscapeString(title))
	plot := float64(height - axis - pad)
	slot := float64(width-2*pad) / float64(max(len(bars), 1))
	for i, b := range bars {
		x := float64(pad) + float64(i)*slot
		y := float64(height - axis)
		var tip []string
		for j, v := range b.Values {
			if j < len(ss) {
				tip = append(tip, fmt.Sprintf("%d %s", v, ss[j].Name))
			}
			if v == 0 || top == 0 || j >= len(ss) {
				continue
			}
			hgt := plot * float64(v) / float64(top)
			y -= hgt
			fmt.Fprintf(&sb, `<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"></rect>`,
				html.EscapeString(ss[j].Class), x+0.5, y, max(slot-1, 1), hgt)
		}
		fmt.Fprintf(&sb, `<rect class="hit" x="%.1f" y="%d" width="%.1f" height="%d"><title>%s: %s</title></rect>`,
			x, pad, slot, height-axis-pad, html.EscapeString(b.Label), html.EscapeString(strings.Join(tip, ", ")))
	}
	// Labels of the first, middle and last slots, and the top value.
	for _, i := range []int{0, len(bars) / 2, len(bars) - 1} {
		if i < 0 || i >= len(bars) {
			continue
		}
		anchor := "middle"
		switch i {
		case 0:
			anchor = "start"
		case len(bars) - 1:
			anchor = "end"
		}
		x := float64(pad) + float64(i)*slot + slot/2
		if anchor == "start" {
			x = pad
		} else if anchor == "end" {
			x = float64(width - pad)
		}
		fmt.Fprintf(&sb, `<text class="axis" x="%.1f" y="%d" text-anchor="%s">%s</text>`, x, height-4, anchor, html.EscapeString(bars[i].Label))
	}
	fmt.Fprintf(&sb, `<text class="axis" x="%d" y="%d">%d</text></svg>`, pad, pad+10, top)
	return template.HTML(sb.String())
}

// days returns the UTC days from the day of from to the day before to.
func days(from, to time.Time) []time.Time {
	var out []time.Time
	for d := from.UTC().Truncate(24 * time.Hour); d.Before(to); d = d.Add(24 * time.Hour) {
		out = append(out, d)
	}
	return out
}

// dayMarks draws one square per day, coloured by the control's status that
// day (pass, fail, incomplete, no-evidence), each with its date and status
// as a tooltip.
func dayMarks(days []attest.ControlStatus) template.HTML {
	const size, gap = 10, 2
	var sb strings.Builder
	width := len(days)*(size+gap) + gap
	fmt.Fprintf(&sb, `<svg class="marks" role="img" viewBox="0 0 %d %d" width="%d" height="%d" xmlns="http://www.w3.org/2000/svg">`, width, size+2*gap, width, size+2*gap)
	for i, d := range days {
		fmt.Fprintf(&sb, `<rect class="%s" x="%d" y="%d" width="%d" height="%d"><title>%s: %s</title></rect>`,
			html.EscapeString(d.Status), gap+i*(size+gap), gap, size, size, d.Day.Format("2006-01-02"), html.EscapeString(d.Status))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}
