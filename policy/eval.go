package policy

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/attest-dev/attest"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// Evaluate runs every rule against every resource of the types it reads and
// returns one finding per verdict, ordered by root, resource and rule. Rules
// see the other resources of the same root through data.scan.index, so a
// bucket policy rule can find its bucket.
//
// A rule whose evaluation fails on a resource gives a finding with status
// error for that rule and resource, and the scan goes on; the returned error
// is for what stops every evaluation (cancellation, the store).
//
// Evaluate is Prepare followed by Prepared.Run.
func (e *Engine) Evaluate(ctx context.Context, resources []attest.Resource) ([]attest.Finding, error) {
	p, err := e.Prepare(ctx, resources)
	if err != nil || p == nil {
		return nil, err
	}
	return p.Run(ctx)
}

// Prepared is an evaluation whose resources are converted to OPA values and
// indexed, and whose rules are compiled and their queries prepared: what is
// left is to run the rules.
type Prepared struct {
	e         *Engine
	resources []attest.Resource
	values    []ast.Value
	compiler  *ast.Compiler
	store     storage.Store
	views     *scanViews
	queries   map[string]*query
	constants *refSet // the rules whose values the workers keep (constantRules)
}

// Prepare does the part of Evaluate before any rule runs: it converts each
// resource to an OPA value once (both the input of its own evaluations and
// an entry of the indexes the others look up), builds the indexes of
// data.scan, compiles the rules the resources' types need and prepares one
// query per type. The conversion, the indexes and the compilation run at
// the same time, on every core.
//
// From then on nothing reads the Attributes or Refs of the resources:
// a caller that owns them may drop them before Run, so that the memory
// they hold is free for the evaluation. Prepare returns nil when there is
// nothing to evaluate.
func (e *Engine) Prepare(ctx context.Context, resources []attest.Resource) (*Prepared, error) {
	if len(resources) == 0 || len(e.rules) == 0 {
		return nil, nil
	}
	// The compilation reads only the types of the resources.
	type compiled struct {
		compiler  *ast.Compiler
		constants *refSet
		err       error
	}
	compiling := make(chan compiled, 1)
	go func() {
		c, err := e.compilerFor(resources)
		if err != nil {
			compiling <- compiled{err: err}
			return
		}
		compiling <- compiled{c, e.constantRules(c), nil}
	}()
	values, terms, convertErr := convertResources(resources)
	var views *scanViews
	var data ast.Object
	if convertErr == nil {
		views, data = buildIndexes(resources, terms)
	}
	c := <-compiling
	if c.err != nil {
		return nil, fmt.Errorf("compile rules: %w", c.err)
	}
	if convertErr != nil {
		return nil, convertErr
	}
	compiler, store := c.compiler, inmem.NewFromASTObject(data)

	// Prepare one query per resource type that some rule reads: it binds
	// the deny (and unknown) sets of every rule of the type, so a resource
	// costs one evaluation whatever the number of rules.
	queries := map[string]*query{}
	for i := range resources {
		t := resources[i].Type
		if _, ok := queries[t]; ok || len(e.byType[t]) == 0 {
			continue
		}
		q, err := prepareRules(compiler, e.byType[t])
		if err != nil {
			return nil, fmt.Errorf("prepare rules of %s: %w", t, err)
		}
		queries[t] = q
	}
	return &Prepared{e: e, resources: resources, values: values, compiler: compiler, store: store, views: views, queries: queries, constants: c.constants}, nil
}

// Run evaluates the prepared rules against the prepared resources, as
// Evaluate does.
func (p *Prepared) Run(ctx context.Context) ([]attest.Finding, error) {
	e, resources, values, compiler, store, views, queries := p.e, p.resources, p.values, p.compiler, p.store, p.views, p.queries

	// The evaluations share one cancellation, raised when ctx is done.
	cancel := topdown.NewCancel()
	stop := context.AfterFunc(ctx, cancel.Cancel)
	defer stop()
	run := &runner{compiler: compiler, store: store, cancel: cancel, now: time.Now(), views: views}
	single := &singleQueries{compiler: compiler, queries: map[*compiledRule]*query{}}

	// One worker per core takes the next resource until none is left. Each
	// reads the store through one transaction of its own. A resource's
	// verdicts are kept as small records until every resource is done: the
	// findings are then made once, in their final slice.
	perResource := make([][]verdict, len(resources))
	errs := make([]error, len(resources))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(resources)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			txn, err := store.NewTransaction(ctx)
			if err != nil {
				for i := int(next.Add(1)) - 1; i < len(resources); i = int(next.Add(1)) - 1 {
					errs[i] = fmt.Errorf("open store transaction: %w", err)
				}
				return
			}
			defer store.Abort(ctx, txn)
			w := &worker{txn: txn, cache: newVirtualCache(p.constants), queries: map[*query]*topdown.Query{}}
			for i := int(next.Add(1)) - 1; i < len(resources) && ctx.Err() == nil; i = int(next.Add(1)) - 1 {
				perResource[i], errs[i] = e.evaluateOne(ctx, &resources[i], values[i], queries[resources[i].Type], single, run, w)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	total := 0
	for i, vs := range perResource {
		if errs[i] != nil {
			return nil, errs[i]
		}
		total += len(vs)
	}
	findings := make([]attest.Finding, 0, total)
	for i, vs := range perResource {
		for _, v := range vs {
			findings = append(findings, v.finding(&resources[i]))
		}
		perResource[i] = nil // free for the collector while the rest is made
	}
	slices.SortStableFunc(findings, func(a, b attest.Finding) int {
		return cmp.Or(
			cmp.Compare(a.Root, b.Root),
			cmp.Compare(a.Range.File, b.Range.File),
			cmp.Compare(a.Range.StartLine, b.Range.StartLine),
			cmp.Compare(a.Resource, b.Resource),
			cmp.Compare(a.RuleID, b.RuleID),
		)
	})
	return findings, nil
}

// query is the compiled query of some rules: rule i binds its deny set to
// the variable deny[i] and, when the rule declares one, its unknown set to
// unknown[i].
type query struct {
	body          ast.Body
	qc            ast.QueryCompiler
	deny, unknown []ast.Var
}

// prepareRules compiles the query of rules. Rule i binds its deny set to
// d<i> and its unknown set to u<i>.
func prepareRules(compiler *ast.Compiler, rules []*compiledRule) (*query, error) {
	body := ast.NewBody()
	q := &query{deny: make([]ast.Var, len(rules)), unknown: make([]ast.Var, len(rules))}
	for i, r := range rules {
		q.deny[i] = ast.Var(fmt.Sprintf("d%d", i))
		body.Append(ast.Equality.Expr(ast.NewTerm(q.deny[i]), ast.NewTerm(r.pkg.Append(ast.StringTerm("deny")))))
		if r.hasUnknown {
			q.unknown[i] = ast.Var(fmt.Sprintf("u%d", i))
			body.Append(ast.Equality.Expr(ast.NewTerm(q.unknown[i]), ast.NewTerm(r.pkg.Append(ast.StringTerm("unknown")))))
		}
	}
	q.qc = compiler.QueryCompiler().WithEnablePrintStatements(false)
	compiled, err := q.qc.Compile(body)
	if err != nil {
		return nil, err
	}
	q.body = compiled
	// The query compiler may rename the variables of the query; the
	// results are read under the new names.
	renamed := map[ast.Var]ast.Var{}
	for to, from := range q.qc.RewrittenVars() {
		renamed[from] = to
	}
	for i := range rules {
		if v, ok := renamed[q.deny[i]]; ok {
			q.deny[i] = v
		}
		if v, ok := renamed[q.unknown[i]]; ok && q.unknown[i] != "" {
			q.unknown[i] = v
		}
	}
	return q, nil
}

// runner evaluates queries with OPA's interpreter (topdown) directly: the
// rego package's Eval would add, per evaluation, a context of options,
// metrics, a goroutine watching for cancellation and a conversion of the
// results to Go values, which the verdicts do not need.
type runner struct {
	compiler *ast.Compiler
	store    storage.Store
	cancel   topdown.Cancel
	now      time.Time
	views    *scanViews
}

// worker is what one evaluating goroutine keeps across its evaluations: its
// transaction on the store, its cache of rule values, emptied before each
// evaluation, the interpreter's query object of each query it ran, which
// only the input changes between resources, and the input object.
type worker struct {
	txn     storage.Transaction
	cache   *virtualCache
	queries map[*query]*topdown.Query
	input   *ast.Term // the input object, refilled for each resource (scanViews.input)
}

// eval runs q on one input and returns its bindings: exactly one result,
// as every verdict set is defined (empty when nothing is denied).
func (r *runner) eval(ctx context.Context, q *query, input *ast.Term, w *worker) (topdown.QueryResult, error) {
	tq := w.queries[q]
	if tq == nil {
		tq = topdown.NewQuery(q.body).
			WithQueryCompiler(q.qc).
			WithCompiler(r.compiler).
			WithStore(r.store).
			WithTransaction(w.txn).
			WithVirtualCache(w.cache).
			WithCancel(r.cancel).
			WithMetrics(metrics.NoOp()).
			WithTime(r.now)
		w.queries[q] = tq
	}
	var result topdown.QueryResult
	w.cache.reset()
	err := tq.WithInput(input).Iter(ctx, func(qr topdown.QueryResult) error {
		if result == nil {
			result = qr
		}
		return nil
	})
	if err != nil {
		// A failed evaluation may have cached a constant rule's first
		// value before finding its conflict (OPA caches a complete rule's
		// value on its first body): nothing it kept may serve the next.
		w.cache.dropKept()
		return nil, err
	}
	if result == nil {
		return nil, fmt.Errorf("no result")
	}
	return result, nil
}

// singleQueries prepares, on first use, the query of one rule alone: when
// the query of all the rules of a type fails on a resource, each rule is
// evaluated on its own so that the error stays with the rule that raised it.
type singleQueries struct {
	compiler *ast.Compiler
	mu       sync.Mutex
	queries  map[*compiledRule]*query
}

func (s *singleQueries) get(r *compiledRule) (*query, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if q, ok := s.queries[r]; ok {
		return q, nil
	}
	q, err := prepareRules(s.compiler, []*compiledRule{r})
	if err != nil {
		return nil, fmt.Errorf("prepare rule %s: %w", r.meta.ID, err)
	}
	s.queries[r] = q
	return q, nil
}

// evaluateOne runs the rules that read a resource's type against it. A rule
// whose evaluation fails on the resource (conflicting values, a type error
// in a built-in) gives an error verdict; the other rules' verdicts stand.
func (e *Engine) evaluateOne(ctx context.Context, res *attest.Resource, input ast.Value, q *query, single *singleQueries, run *runner, w *worker) ([]verdict, error) {
	rules := e.byType[res.Type]
	if len(rules) == 0 {
		return nil, nil
	}
	wrapped := run.views.input(res, input, w.input)
	w.input = wrapped
	bindings, err := run.eval(ctx, q, wrapped, w)
	if err == nil {
		out := make([]verdict, 0, len(rules))
		for i, r := range rules {
			out = appendVerdicts(out, r, res, bindings, q, i)
		}
		return out, nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	out := make([]verdict, 0, len(rules))
	for _, r := range rules {
		q, err := single.get(r)
		if err != nil {
			return nil, err
		}
		bindings, err := run.eval(ctx, q, wrapped, w)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			out = append(out, verdict{rule: r, status: attest.StatusError, message: "rule evaluation failed: " + err.Error(), rng: res.Range})
			continue
		}
		out = appendVerdicts(out, r, res, bindings, q, 0)
	}
	return out, nil
}

// verdict is a finding of rule on a resource in the making: what the
// finding says beyond the rule and the resource.
type verdict struct {
	rule    *compiledRule
	status  string
	message string
	rng     attest.Range
}

// finding is the finding of v on res.
func (v *verdict) finding(res *attest.Resource) attest.Finding {
	return attest.Finding{
		RuleID:       v.rule.meta.ID,
		Severity:     v.rule.meta.Severity,
		Status:       v.status,
		Message:      v.message,
		Resource:     res.Address,
		ResourceType: res.Type,
		Format:       res.Format,
		Root:         res.Root,
		Range:        v.rng,
		ModuleCalls:  res.ModuleCalls,
	}
}

// appendVerdicts appends to out the verdicts of rule r (rule i of query q)
// on a resource, from its deny and unknown bindings: one failure per deny
// message, else one unknown, else a pass, unless the resource is unknown as
// a whole (attest.UnknownWhole), which makes that pass unknown. A message
// that gives lines narrows the finding's range to them within the
// resource's file.
func appendVerdicts(out []verdict, r *compiledRule, res *attest.Resource, bindings topdown.QueryResult, q *query, i int) []verdict {
	deny := messages(bindings[q.deny[i]])
	var unknown []message
	if r.hasUnknown {
		unknown = messages(bindings[q.unknown[i]])
	}
	switch {
	case len(deny) > 0:
		for _, m := range deny {
			out = append(out, verdict{rule: r, status: attest.StatusFail, message: m.text, rng: m.at(res.Range)})
		}
		return out
	case len(unknown) > 0:
		return append(out, verdict{rule: r, status: attest.StatusUnknown, message: unknown[0].text, rng: unknown[0].at(res.Range)})
	case slices.Contains(res.Unknown, attest.UnknownWhole):
		return append(out, verdict{rule: r, status: attest.StatusUnknown, message: "the resource is not known statically as a whole (see the scan's gaps), so it cannot pass", rng: res.Range})
	default:
		return append(out, verdict{rule: r, status: attest.StatusPass, rng: res.Range})
	}
}

// message is one element of a deny or unknown set: its text and, when the
// rule gave them, the lines it is about.
type message struct {
	text      string
	line, end int
}

// at is the range of a finding with this message: the message's lines
// when they lie inside the resource's range, else the resource's range.
func (m message) at(rng attest.Range) attest.Range {
	if m.line <= 0 || m.line < rng.StartLine || (rng.EndLine > 0 && m.line > rng.EndLine) {
		return rng
	}
	end := max(m.end, m.line)
	if rng.EndLine > 0 {
		end = min(end, rng.EndLine)
	}
	return attest.Range{File: rng.File, StartLine: m.line, EndLine: end}
}

// messages turns the value of a deny or unknown set into sorted messages.
// An element may be a string or an object with a "msg" field and,
// optionally, "line" and "end_line" numbers; anything else is shown as
// JSON would give it.
func messages(t *ast.Term) []message {
	if t == nil {
		return nil
	}
	set, ok := t.Value.(ast.Set)
	if !ok || set.Len() == 0 {
		return nil
	}
	out := make([]message, 0, set.Len())
	set.Foreach(func(x *ast.Term) {
		if s, ok := x.Value.(ast.String); ok {
			out = append(out, message{text: string(s)})
			return
		}
		if m, ok := objectMessage(x.Value); ok {
			out = append(out, m)
			return
		}
		out = append(out, jsonMessage(x))
	})
	slices.SortFunc(out, func(a, b message) int {
		return cmp.Or(cmp.Compare(a.text, b.text), cmp.Compare(a.line, b.line), cmp.Compare(a.end, b.end))
	})
	return slices.Compact(out)
}

// jsonMessage reads the message of any element of a verdict set from its
// JSON form: an object's "msg" when it is a string, else the form as Go
// prints it, with the object's "line" and "end_line" numbers.
func jsonMessage(x *ast.Term) message {
	v, err := ast.JSON(x.Value)
	if err != nil {
		return message{text: x.String()}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return message{text: fmt.Sprint(v)}
	}
	msg := message{text: fmt.Sprint(m)}
	if s, ok := m["msg"].(string); ok {
		msg.text = s
	}
	msg.line, msg.end = lineNumber(m["line"]), lineNumber(m["end_line"])
	return msg
}

var (
	termMsg     = ast.StringTerm("msg")
	termLine    = ast.StringTerm("line")
	termEndLine = ast.StringTerm("end_line")
)

// objectMessage reads the message of an object whose "msg" is a string, as
// messages would from the object's JSON form, without making that form: a
// rule gives one such object per finding about a line. False for any other
// value. (The objects of an evaluation's results are OPA values throughout;
// the store holds none made from Go values.)
func objectMessage(v ast.Value) (message, bool) {
	o, ok := v.(ast.Object)
	if !ok {
		return message{}, false
	}
	t := o.Get(termMsg)
	if t == nil {
		return message{}, false
	}
	s, ok := t.Value.(ast.String)
	if !ok {
		return message{}, false
	}
	return message{text: string(s), line: lineTerm(o.Get(termLine)), end: lineTerm(o.Get(termEndLine))}, true
}

// lineTerm reads a line number from a term of a message object as
// lineNumber reads it from the object's JSON form; nil is 0.
func lineTerm(t *ast.Term) int {
	if t == nil {
		return 0
	}
	n, ok := t.Value.(ast.Number)
	if !ok {
		return 0
	}
	return lineNumber(json.Number(n))
}

// lineNumber reads a line number from a rule's message object (OPA gives
// numbers as json.Number); anything else is 0.
func lineNumber(v any) int {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		if err != nil || i <= 0 || i > math.MaxInt32 {
			return 0
		}
		return int(i)
	case int64:
		return int(n)
	case float64:
		if n > 0 && n < math.MaxInt32 {
			return int(n)
		}
	}
	return 0
}

// convertResources converts every resource to an OPA value, on one worker
// per core: on a tree of thousands of resources it is a third of a second
// of work that nothing else waits on. The first resource that cannot be
// converted, in order, is the error.
func convertResources(resources []attest.Resource) ([]ast.Value, []*ast.Term, error) {
	values := make([]ast.Value, len(resources))
	terms := make([]*ast.Term, len(resources))
	errs := make([]error, len(resources))
	workers := min(runtime.GOMAXPROCS(0), len(resources))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newConverter()
			// Worker w converts every workers-th resource from w: the
			// sizes of resources vary, so each takes a share of every
			// part of the list.
			for i := w; i < len(resources); i += workers {
				r := &resources[i]
				v, err := c.resource(r)
				if err != nil {
					errs[i] = fmt.Errorf("convert %s %s: %w", r.Root, r.Address, err)
					continue
				}
				values[i], terms[i] = v, ast.NewTerm(v)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	return values, terms, nil
}

// scanViews are the indexes of data.scan that a rule reads about
// input.resource, each given again in the input as the part of the index
// under input.resource's root (and address): input.index is
// data.scan.index[root], input.referrers data.scan.referrers[root][address],
// input.conditional_referrers likewise, input.unresolved
// data.scan.unresolved[root]. The joins of rules/lib read them there: a
// lookup in a small object of the input rather than a read of the store
// and a walk down by root and address, on every join of every resource.
type scanViews struct {
	index, referrers, conditionalReferrers, unresolved *ast.Term
}

var (
	termResource             = ast.StringTerm("resource")
	termIndex                = ast.StringTerm("index")
	termReferrers            = ast.StringTerm("referrers")
	termConditionalReferrers = ast.StringTerm("conditional_referrers")
	termUnresolved           = ast.StringTerm("unresolved")
)

// input is the input document of the evaluations of resource r, whose
// value is doc. With reuse nil it is a new object; else it is reuse, an
// earlier result of input whose evaluations are over, with its values
// replaced: a worker keeps one input object rather than building one per
// resource.
func (v *scanViews) input(r *attest.Resource, doc ast.Value, reuse *ast.Term) *ast.Term {
	root, address := ast.StringTerm(r.Root), ast.StringTerm(r.Address)
	items := [...][2]*ast.Term{
		ast.Item(termResource, ast.NewTerm(doc)),
		ast.Item(termIndex, subtree(v.index, root)),
		ast.Item(termReferrers, subtree(v.referrers, root, address)),
		ast.Item(termConditionalReferrers, subtree(v.conditionalReferrers, root, address)),
		ast.Item(termUnresolved, subtree(v.unresolved, root)),
	}
	if reuse == nil {
		return ast.ObjectTerm(items[:]...)
	}
	o := reuse.Value.(ast.Object)
	for _, kv := range items {
		o.Insert(kv[0], kv[1])
	}
	return reuse
}

// subtree is the object under keys in t, or an empty object when there is
// none: a lookup in it is then undefined, as the lookup in t by the whole
// path would be.
func subtree(t *ast.Term, keys ...*ast.Term) *ast.Term {
	for _, k := range keys {
		o, ok := t.Value.(ast.Object)
		if !ok {
			return ast.ObjectTerm()
		}
		if t = o.Get(k); t == nil {
			return ast.ObjectTerm()
		}
	}
	if _, ok := t.Value.(ast.Object); !ok {
		return ast.ObjectTerm()
	}
	return t
}

// buildIndexes builds the indexes of data.scan from the resources and their
// terms, one goroutine per index (they only read what they share), and
// returns them with the views of them that the inputs carry.
func buildIndexes(resources []attest.Resource, terms []*ast.Term) (*scanViews, ast.Object) {
	builds := []func() *indexNode{
		func() *indexNode { return typeIndex(resources, terms) },
		func() *indexNode { return allRootsIndex(resources, terms) },
		func() *indexNode { return referrerIndex(resources, terms, false) },
		func() *indexNode { return referrerIndex(resources, terms, true) },
		func() *indexNode { return unresolvedIndex(resources, terms) },
		func() *indexNode { return namespaceIndex(resources, terms) },
	}
	built := make([]*ast.Term, len(builds))
	var wg sync.WaitGroup
	for i, build := range builds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			built[i] = build().object()
		}()
	}
	wg.Wait()
	views := &scanViews{index: built[0], referrers: built[2], conditionalReferrers: built[3], unresolved: built[4]}
	return views, ast.NewObject(
		ast.Item(ast.StringTerm("scan"), ast.ObjectTerm(
			ast.Item(ast.StringTerm("index"), built[0]),
			ast.Item(ast.StringTerm("types"), built[1]),
			ast.Item(ast.StringTerm("referrers"), built[2]),
			ast.Item(ast.StringTerm("conditional_referrers"), built[3]),
			ast.Item(ast.StringTerm("unresolved"), built[4]),
			ast.Item(ast.StringTerm("namespaces"), built[5]),
		)),
	)
}

// indexNode is a tree of string keys whose leaves hold resources; it
// becomes the nested OPA objects of data.scan, with a list at each leaf.
type indexNode struct {
	children map[string]*indexNode
	terms    []*ast.Term
}

// add puts t under the path of keys. A resource may reach the same leaf
// twice in a row (naming a target by reference and by name): it is kept once.
func (n *indexNode) add(t *ast.Term, keys ...string) {
	for _, k := range keys {
		c := n.children[k]
		if c == nil {
			if n.children == nil {
				n.children = map[string]*indexNode{}
			}
			c = &indexNode{}
			n.children[k] = c
		}
		n = c
	}
	if len(n.terms) > 0 && n.terms[len(n.terms)-1] == t {
		return
	}
	n.terms = append(n.terms, t)
}

// term converts the tree: an inner node to an object, a leaf to an array.
func (n *indexNode) term() *ast.Term {
	if n.children == nil {
		return ast.ArrayTerm(n.terms...)
	}
	o := ast.NewObject()
	for k, c := range n.children {
		o.Insert(ast.StringTerm(k), c.term())
	}
	return ast.NewTerm(o)
}

// object converts the tree like term, except that a tree with no entry is
// an empty object: each index of data.scan is an object, so a lookup in it
// is undefined rather than a type error when the scan has nothing to index.
func (n *indexNode) object() *ast.Term {
	if n.children == nil {
		return ast.ObjectTerm()
	}
	return n.term()
}

// typeIndex is data.scan.index: root → type → resources.
func typeIndex(resources []attest.Resource, terms []*ast.Term) *indexNode {
	n := &indexNode{}
	for i := range resources {
		n.add(terms[i], resources[i].Root, resources[i].Type)
	}
	return n
}

// allRootsIndex is data.scan.types: type → resources of every root. Rules
// whose subject spans files that are separate roots (a Kubernetes namespace
// whose NetworkPolicy sits in another manifest file) look there.
func allRootsIndex(resources []attest.Resource, terms []*ast.Term) *indexNode {
	n := &indexNode{}
	for i := range resources {
		n.add(terms[i], resources[i].Type)
	}
	return n
}

// namespaceIndex is data.scan.namespaces: namespace → kind → the
// Kubernetes objects of that kind in that namespace ("default" for an object
// that names none), from every root. A rule that looks for the objects of a
// workload's namespace (its NetworkPolicies, LimitRanges) looks there rather
// than through every object of the kind.
func namespaceIndex(resources []attest.Resource, terms []*ast.Term) *indexNode {
	n := &indexNode{}
	for i := range resources {
		r := &resources[i]
		if r.Format != attest.FormatKubernetes {
			continue
		}
		ns := "default"
		if meta, ok := r.Attributes["metadata"].(map[string]any); ok {
			if s, ok := meta["namespace"].(string); ok {
				ns = s
			} else if _, ok := meta["namespace"]; ok {
				// A namespace that is not a string matches no
				// namespace lookup; it is indexed under no key.
				continue
			}
		}
		n.add(terms[i], ns, r.Type)
	}
	return n
}

// identifierKeys are the attributes by whose literal value other resources
// name a resource (a bucket policy's bucket = "logs" names the bucket whose
// bucket is "logs"; a CloudFormation AWS::S3::BucketPolicy's Bucket: logs
// names the AWS::S3::Bucket whose BucketName is logs).
var identifierKeys = []string{"bucket", "name", "id", "arn", "BucketName"}

// referrerIndex is data.scan.referrers: root → target address → referring
// type → attribute path → the resources whose attribute names the target,
// by an expression that referred to it or by one of its literal
// identifiers. It turns the joins of rules/lib (a bucket and its policy,
// versioning, encryption...) from a scan over every resource of a type into
// a lookup, so evaluation stays linear in the number of resources.
//
// With conditional false it indexes the referring resources that surely
// exist whenever their target does; with conditional true
// (data.scan.conditional_referrers) those whose existence is not known
// statically (attest.Resource.Conditional) and does not follow from the
// target's, which a join may not count as present.
func referrerIndex(resources []attest.Resource, terms []*ast.Term, conditional bool) *indexNode {
	idents := map[string]map[string][]int{} // root → identifier value → resources
	for i := range resources {
		r := &resources[i]
		for _, k := range identifierKeys {
			if v, ok := r.Attributes[k].(string); ok && v != "" {
				if idents[r.Root] == nil {
					idents[r.Root] = map[string][]int{}
				}
				idents[r.Root][v] = append(idents[r.Root][v], i)
			}
		}
	}
	n := &indexNode{}
	for i := range resources {
		r := &resources[i]
		for path, targets := range r.Refs {
			for _, target := range targets {
				if target != r.Address && uncertainFor(r, target) == conditional {
					n.add(terms[i], r.Root, target, r.Type, path)
				}
			}
		}
		for k, v := range r.Attributes {
			s, ok := v.(string)
			if !ok || s == "" {
				continue
			}
			for _, j := range idents[r.Root][s] {
				if j != i && uncertainFor(r, resources[j].Address) == conditional {
					n.add(terms[i], r.Root, resources[j].Address, r.Type, k)
				}
			}
		}
	}
	return n
}

// uncertainFor reports whether r might not exist where the resource at
// target does: r is conditional, and target is not inside the module call
// whose unknown count or for_each makes it so.
func uncertainFor(r *attest.Resource, target string) bool {
	c := r.Conditional
	return c != "" && !strings.HasPrefix(target, c+".")
}

// unresolvedIndex is data.scan.unresolved: root → type → attribute path →
// the resources whose attribute at that path (or below it) is unknown and
// referred to no resource, so a join through it cannot be decided.
func unresolvedIndex(resources []attest.Resource, terms []*ast.Term) *indexNode {
	n := &indexNode{}
	for i := range resources {
		r := &resources[i]
		seen := map[string]bool{}
		for _, u := range r.Unknown {
			parts := strings.Split(u, ".")
			for j := 1; j <= len(parts); j++ {
				p := strings.Join(parts[:j], ".")
				if seen[p] || len(r.Refs[p]) > 0 {
					continue
				}
				seen[p] = true
				n.add(terms[i], r.Root, r.Type, p)
			}
		}
	}
	return n
}
