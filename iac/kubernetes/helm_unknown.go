package kubernetes

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"text/template/parse"

	"github.com/attest-dev/attest"
	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
)

// WholeObject is the entry of attest.Resource.Unknown that says no part of
// the object is known for sure: it was rendered from a template that reads
// the cluster (Helm's lookup, which finds nothing offline) or that needs a
// value the scan was not given (required). Such an object can fail a rule
// on what it does hold, but never pass one.
const WholeObject = attest.UnknownWhole

// Reasons an object of a chart is not known, as gap details.
const (
	reasonLookup   = "the template calls lookup, which reads the cluster; offline it finds nothing, so the object may differ once installed"
	reasonRequired = "the template needs a value the scan was not given (required): rendered without it, the object is not what would be installed; give it with --helm-values or --helm-set"
)

// renderOffline renders the chart with values rv. Templates whose output is
// not known offline are rendered nevertheless and returned in unknown
// (rendered template name → reason): those that call lookup, directly or
// through named templates they include, and those that stop on a missing
// required value. A file whose required call fails is rendered again with
// each required call read as and (padded to the same number of bytes, so
// lines and columns stay): and "message" value gives the value, so the
// missing one renders empty; every template that renders that file's text
// is unknown. Any other render error is
// returned as it is.
func renderOffline(chrt *chart.Chart, rv chartutil.Values) (map[string]string, map[string]string, error) {
	g := parseTemplates(chrt)
	unknown := map[string]string{}
	for name := range g.files {
		if g.reaches(name, func(t string) bool { return g.lookup[t] }) {
			unknown[name] = reasonLookup
		}
	}
	var eng engine.Engine // no client, no DNS: nothing leaves the machine
	relaxed := map[string]bool{}
	for {
		out, err := eng.Render(g.relax(chrt, relaxed), rv)
		if err == nil {
			return out, unknown, nil
		}
		files, ok := requiredFailure(err, g)
		if !ok {
			return nil, nil, err
		}
		grew := false
		for _, f := range files {
			grew = grew || !relaxed[f]
			relaxed[f] = true
		}
		if !grew {
			return nil, nil, err
		}
		for name := range g.files {
			if g.reaches(name, func(t string) bool { return relaxed[t] || relaxed[g.definedIn[t]] }) && unknown[name] == "" {
				unknown[name] = reasonRequired
			}
		}
	}
}

// templateGraph is what renderOffline knows of a chart's templates: which
// call lookup and which named templates each includes.
type templateGraph struct {
	// files are the rendered template names (chart path + templates/x).
	files map[string]bool
	// lookup is set for a template (file or named template) that calls
	// lookup itself.
	lookup map[string]bool
	// includes are the named templates a template includes.
	includes map[string][]string
	// definedIn is the file that defines a named template.
	definedIn map[string]string
	// source is the text of each file.
	source map[string]string
	// required are the byte offsets of the required calls of each file,
	// requiredMsgs their messages (when written as a string literal).
	required     map[string][]int
	requiredMsgs map[string][]string
}

// parseTemplates parses every template of the chart and its subcharts
// without checking function names (Helm adds its own at render time).
func parseTemplates(c *chart.Chart) *templateGraph {
	g := &templateGraph{files: map[string]bool{}, lookup: map[string]bool{}, includes: map[string][]string{},
		definedIn: map[string]string{}, source: map[string]string{}, required: map[string][]int{}, requiredMsgs: map[string][]string{}}
	var walk func(c *chart.Chart)
	walk = func(c *chart.Chart) {
		for _, t := range c.Templates {
			name := path.Join(c.ChartFullPath(), t.Name)
			g.source[name] = string(t.Data)
			if !strings.HasPrefix(path.Base(name), "_") {
				g.files[name] = true
			}
			tr := parse.New(name)
			tr.Mode = parse.SkipFuncCheck
			set := map[string]*parse.Tree{}
			if _, err := tr.Parse(string(t.Data), "", "", set); err != nil {
				continue // Helm reports it when it renders
			}
			for n, def := range set {
				if n != name {
					g.definedIn[n] = name
				}
				g.scan(n, name, def.Root)
			}
		}
		for _, d := range c.Dependencies() {
			walk(d)
		}
	}
	walk(c)
	return g
}

// scan records what node calls: lookup, include/template of a named template.
func (g *templateGraph) scan(owner, file string, n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			g.scan(owner, file, c)
		}
	case *parse.ActionNode:
		g.scan(owner, file, n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			g.scan(owner, file, c)
		}
	case *parse.CommandNode:
		for i, a := range n.Args {
			if id, ok := a.(*parse.IdentifierNode); ok {
				switch id.Ident {
				case "lookup":
					g.lookup[owner] = true
				case "required":
					g.required[file] = append(g.required[file], int(id.Pos))
					if i+1 < len(n.Args) {
						if s, ok := n.Args[i+1].(*parse.StringNode); ok {
							g.requiredMsgs[file] = append(g.requiredMsgs[file], s.Text)
						}
					}
				case "include", "template":
					if i+1 < len(n.Args) {
						if s, ok := n.Args[i+1].(*parse.StringNode); ok {
							g.includes[owner] = append(g.includes[owner], s.Text)
						}
					}
				}
			}
			g.scan(owner, file, a)
		}
	case *parse.ChainNode:
		g.scan(owner, file, n.Node)
	case *parse.IfNode:
		g.branch(owner, file, &n.BranchNode)
	case *parse.RangeNode:
		g.branch(owner, file, &n.BranchNode)
	case *parse.WithNode:
		g.branch(owner, file, &n.BranchNode)
	case *parse.TemplateNode:
		g.includes[owner] = append(g.includes[owner], n.Name)
		g.scan(owner, file, n.Pipe)
	}
}

func (g *templateGraph) branch(owner, file string, b *parse.BranchNode) {
	g.scan(owner, file, b.Pipe)
	g.scan(owner, file, b.List)
	if b.ElseList != nil {
		g.scan(owner, file, b.ElseList)
	}
}

// reaches reports whether template t, or a named template it includes
// (transitively), satisfies p.
func (g *templateGraph) reaches(t string, p func(string) bool) bool {
	seen := map[string]bool{}
	var visit func(string) bool
	visit = func(t string) bool {
		if seen[t] {
			return false
		}
		seen[t] = true
		if p(t) {
			return true
		}
		for _, inc := range g.includes[t] {
			if visit(inc) {
				return true
			}
		}
		return false
	}
	return visit(t)
}

var execErrorRE = regexp.MustCompile(`execution error at \(([^:()]+):\d+(?::\d+)?\)`)

// requiredFailure recognises a render error raised by required: Helm names
// the template file of the failing action (the including template when
// the call is in a named template) and gives required's message. It
// returns the files whose required calls carry that message and that the
// failing file renders: itself, or the files defining named templates it
// includes.
func requiredFailure(err error, g *templateGraph) ([]string, bool) {
	m := execErrorRE.FindStringSubmatch(err.Error())
	if m == nil {
		return nil, false
	}
	msg := strings.TrimSpace(err.Error()[len(m[0]):])
	msg = strings.TrimSpace(strings.TrimPrefix(msg, ":"))
	var files []string
	for file, msgs := range g.requiredMsgs {
		if !slices.Contains(msgs, msg) {
			continue
		}
		if g.reaches(m[1], func(t string) bool { return t == file || g.definedIn[t] == file }) {
			files = append(files, file)
		}
	}
	slices.Sort(files)
	return files, len(files) > 0
}

// relax is a copy of the chart (and its subcharts) whose files in files
// have every call of required replaced by and.
func (g *templateGraph) relax(c *chart.Chart, files map[string]bool) *chart.Chart {
	if len(files) == 0 {
		return c
	}
	cp := *c
	cp.Templates = make([]*chart.File, len(c.Templates))
	for i, t := range c.Templates {
		name := path.Join(c.ChartFullPath(), t.Name)
		if !files[name] {
			cp.Templates[i] = t
			continue
		}
		data := []byte(string(t.Data))
		for _, at := range g.required[name] {
			copy(data[at:], "and     ")
		}
		cp.Templates[i] = &chart.File{Name: t.Name, Data: data}
	}
	deps := c.Dependencies()
	cp.SetDependencies()
	for _, d := range deps {
		cp.AddDependency(g.relax(d, files))
	}
	return &cp
}
