package policy

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/attest-dev/attest"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
)

// Evaluate runs every rule against every resource of the types it reads and
// returns one finding per verdict, ordered by root, resource and rule. Rules
// see the other resources of the same root through data.scan.index, so a
// bucket policy rule can find its bucket.
func (e *Engine) Evaluate(ctx context.Context, resources []attest.Resource) ([]attest.Finding, error) {
	if len(resources) == 0 || len(e.rules) == 0 {
		return nil, nil
	}

	// Convert each resource to an OPA value once: it is both the input of
	// its own evaluations and an entry of the index the others look up.
	values := make([]ast.Value, len(resources))
	index := map[string]map[string][]*ast.Term{}
	for i := range resources {
		r := &resources[i]
		v, err := ast.InterfaceToValue(resourceDoc(r))
		if err != nil {
			return nil, fmt.Errorf("convert %s %s: %w", r.Root, r.Address, err)
		}
		values[i] = v
		byType := index[r.Root]
		if byType == nil {
			byType = map[string][]*ast.Term{}
			index[r.Root] = byType
		}
		byType[r.Type] = append(byType[r.Type], ast.NewTerm(v))
	}
	roots := ast.NewObject()
	for root, byType := range index {
		types := ast.NewObject()
		for t, list := range byType {
			types.Insert(ast.StringTerm(t), ast.ArrayTerm(list...))
		}
		roots.Insert(ast.StringTerm(root), ast.NewTerm(types))
	}
	store := inmem.NewFromASTObject(ast.NewObject(
		ast.Item(ast.StringTerm("scan"), ast.ObjectTerm(ast.Item(ast.StringTerm("index"), ast.NewTerm(roots)))),
	))

	// Prepare one query per rule that some resource needs.
	queries := map[*compiledRule]*rego.PreparedEvalQuery{}
	for i := range resources {
		for _, r := range e.byType[resources[i].Type] {
			if _, ok := queries[r]; ok {
				continue
			}
			q, err := e.prepare(ctx, r, store)
			if err != nil {
				return nil, err
			}
			queries[r] = q
		}
	}

	perResource := make([][]attest.Finding, len(resources))
	errs := make([]error, len(resources))
	work := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				perResource[i], errs[i] = e.evaluateOne(ctx, &resources[i], values[i], queries)
			}
		}()
	}
feed:
	for i := range resources {
		select {
		case work <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	var findings []attest.Finding
	for i, fs := range perResource {
		if errs[i] != nil {
			return nil, errs[i]
		}
		findings = append(findings, fs...)
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

// prepare compiles the query of one rule against the scan's store.
func (e *Engine) prepare(ctx context.Context, r *compiledRule, store storage.Store) (*rego.PreparedEvalQuery, error) {
	deny := r.pkg.Append(ast.StringTerm("deny"))
	body := ast.NewBody(ast.Equality.Expr(ast.VarTerm("deny"), ast.NewTerm(deny)))
	if r.hasUnknown {
		unknown := r.pkg.Append(ast.StringTerm("unknown"))
		body.Append(ast.Equality.Expr(ast.VarTerm("unknown"), ast.NewTerm(unknown)))
	}
	q, err := rego.New(
		rego.Compiler(e.compiler),
		rego.Store(store),
		rego.ParsedQuery(body),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("prepare rule %s: %w", r.meta.ID, err)
	}
	return &q, nil
}

// evaluateOne runs the rules that read a resource's type against it.
func (e *Engine) evaluateOne(ctx context.Context, res *attest.Resource, input ast.Value, queries map[*compiledRule]*rego.PreparedEvalQuery) ([]attest.Finding, error) {
	rules := e.byType[res.Type]
	if len(rules) == 0 {
		return nil, nil
	}
	wrapped := ast.NewObject(ast.Item(ast.StringTerm("resource"), ast.NewTerm(input)))
	var out []attest.Finding
	for _, r := range rules {
		rs, err := queries[r].Eval(ctx, rego.EvalParsedInput(wrapped))
		if err != nil {
			return nil, fmt.Errorf("evaluate rule %s on %s: %w", r.meta.ID, res.Address, err)
		}
		f := attest.Finding{
			RuleID:       r.meta.ID,
			Severity:     r.meta.Severity,
			Resource:     res.Address,
			ResourceType: res.Type,
			Root:         res.Root,
			Range:        res.Range,
			ModuleCalls:  res.ModuleCalls,
		}
		var deny, unknown []string
		if len(rs) > 0 {
			deny = messages(rs[0].Bindings["deny"])
			unknown = messages(rs[0].Bindings["unknown"])
		}
		switch {
		case len(deny) > 0:
			for _, msg := range deny {
				f.Status, f.Message = attest.StatusFail, msg
				out = append(out, f)
			}
		case len(unknown) > 0:
			f.Status, f.Message = attest.StatusUnknown, unknown[0]
			out = append(out, f)
		default:
			f.Status = attest.StatusPass
			out = append(out, f)
		}
	}
	return out, nil
}

// messages turns the value of a deny or unknown set into sorted messages.
// An element may be a string or an object with a "msg" field.
func messages(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		switch m := x.(type) {
		case string:
			out = append(out, m)
		case map[string]any:
			if s, ok := m["msg"].(string); ok {
				out = append(out, s)
			} else {
				out = append(out, fmt.Sprint(m))
			}
		default:
			out = append(out, fmt.Sprint(m))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// resourceDoc is the JSON-like document a rule sees as input.resource.
func resourceDoc(r *attest.Resource) map[string]any {
	attrs := r.Attributes
	if attrs == nil {
		attrs = map[string]any{}
	}
	doc := map[string]any{
		"type":       r.Type,
		"address":    r.Address,
		"root":       r.Root,
		"format":     r.Format,
		"attributes": attrs,
		"range": map[string]any{
			"file":       r.Range.File,
			"start_line": r.Range.StartLine,
			"end_line":   r.Range.EndLine,
		},
	}
	if r.Mode != "" {
		doc["mode"] = r.Mode
	}
	if r.Provider != "" {
		doc["provider"] = r.Provider
	}
	if r.Module != "" {
		doc["module"] = r.Module
	}
	if len(r.Unknown) > 0 {
		u := make([]any, len(r.Unknown))
		for i, s := range r.Unknown {
			u[i] = s
		}
		doc["unknown"] = u
	}
	if len(r.Refs) > 0 {
		refs := make(map[string]any, len(r.Refs))
		for k, v := range r.Refs {
			l := make([]any, len(v))
			for i, s := range v {
				l[i] = s
			}
			refs[k] = l
		}
		doc["refs"] = refs
	}
	return doc
}
