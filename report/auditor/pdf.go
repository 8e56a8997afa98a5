package auditor

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"os"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// untagged asks Chromium for a PDF without its structure tree. Chromium
// tags a PDF by default, one structure element per box of the page: for a
// year of scans that is tens of thousands of elements, most of the printing
// time and nine tenths of the file. The report's HTML and markdown are the
// accessible forms.
func untagged(p *page.PrintToPDFParams) {
	tagged := false
	p.GenerateTaggedPDF = &tagged
}

// PDF prints the HTML report (HTML) to PDF with headless Chromium: A4, the
// cover on a page of its own, and a footer on every page with the title
// and "page N of M". chromium is the browser's executable; empty finds
// chromium, chromium-browser or google-chrome on PATH. Scripts are turned
// off in the page before the report is loaded: nothing in the report runs.
func PDF(ctx context.Context, w io.Writer, r *Report, chromium string) error {
	var doc bytes.Buffer
	if err := HTML(&doc, r); err != nil {
		return err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.DisableGPU,
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("blink-settings", "scriptEnabled=false"),
	)
	if os.Geteuid() == 0 {
		// Chromium refuses to start as root with its sandbox on.
		opts = append(opts, chromedp.NoSandbox)
	}
	if chromium != "" {
		opts = append(opts, chromedp.ExecPath(chromium))
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	cctx, cancelTab := chromedp.NewContext(actx)
	defer cancelTab()
	footer := fmt.Sprintf(`<div style="font-size:8px;width:100%%;margin:0 1cm;display:flex;justify-content:space-between;font-family:sans-serif">`+
		`<span>%s</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`, html.EscapeString(r.Title()))
	var pdf []byte
	err := chromedp.Do(cctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate("about:blank"),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
			if err != nil {
				return err
			}
			_, err = chromedp.Call(ctx, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: doc.String()})
			return err
		}),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			var err error
			pdf, err = chromedp.PrintToPDF(
				chromedp.PDFPaper(chromedp.PaperA4),
				chromedp.PDFMargins(0.6, 0.5, 0.7, 0.5),
				chromedp.PDFPrintBackground(),
				chromedp.PDFHeaderTemplate(`<span></span>`),
				chromedp.PDFFooterTemplate(footer),
				untagged,
			)(ctx, t)
			return err
		}),
	)
	if err != nil {
		return fmt.Errorf("pdf report: headless chromium: %w", err)
	}
	if _, err := w.Write(pdf); err != nil {
		return fmt.Errorf("pdf report: %w", err)
	}
	return nil
}
