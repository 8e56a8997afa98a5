package terraform

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// Limits bound the values that expressions may build, so that a few lines of
// configuration (thirty locals that each double a string, a setproduct of
// three ranges) cannot exhaust the scanner's memory or time. A value over a
// bound is an error at the expression that built it; the expression is
// unknown and the rest of the configuration is still loaded. A zero field
// takes its default.
type Limits struct {
	// MaxStringLength bounds one string, in bytes. Default 4 MiB, the size
	// file() may read.
	MaxStringLength int
	// MaxCollectionLength bounds the elements of one list, set, tuple, map
	// or object. Default 100,000.
	MaxCollectionLength int
	// MaxProductSize bounds the elements one value holds in all, nested
	// collections counted, and so what setproduct may build. Default
	// 1,000,000.
	MaxProductSize int
	// MaxIterations bounds how many times the for expressions of one
	// expression may iterate, nested ones counted in full. Default 200,000.
	MaxIterations int
	// MaxValueBytes bounds the bytes of all the strings one value holds, and
	// what the string templates of one expression may join. Default 64 MiB.
	MaxValueBytes int
}

// Default limits; see Limits.
const (
	DefaultMaxStringLength     = 4 << 20
	DefaultMaxCollectionLength = 100_000
	DefaultMaxProductSize      = 1_000_000
	DefaultMaxIterations       = 200_000
	DefaultMaxValueBytes       = 64 << 20
)

func (lim Limits) withDefaults() Limits {
	if lim.MaxStringLength <= 0 {
		lim.MaxStringLength = DefaultMaxStringLength
	}
	if lim.MaxCollectionLength <= 0 {
		lim.MaxCollectionLength = DefaultMaxCollectionLength
	}
	if lim.MaxProductSize <= 0 {
		lim.MaxProductSize = DefaultMaxProductSize
	}
	if lim.MaxIterations <= 0 {
		lim.MaxIterations = DefaultMaxIterations
	}
	if lim.MaxValueBytes <= 0 {
		lim.MaxValueBytes = DefaultMaxValueBytes
	}
	return lim
}

// limitError is a value, or a value about to be built, over a bound.
type limitError struct {
	what string // "a string of 8388608 bytes"
	max  int
	knob string // the Limits field that sets max
}

func (e *limitError) Error() string {
	return fmt.Sprintf("it would build %s, over the limit of %d (%s)", e.what, e.max, e.knob)
}

// sizer measures values against the limits. It stops at the first bound
// passed, so measuring costs no more than the bounds allow.
type sizer struct {
	lim          Limits
	elems, bytes int
}

func (s *sizer) add(v cty.Value) error {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() {
		return nil
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		n := len(v.AsString())
		if n > s.lim.MaxStringLength {
			return &limitError{fmt.Sprintf("a string of %d bytes", n), s.lim.MaxStringLength, "max_string_length"}
		}
		s.bytes += n
		if s.bytes > s.lim.MaxValueBytes {
			return &limitError{fmt.Sprintf("strings of more than %d bytes in all", s.bytes), s.lim.MaxValueBytes, "max_value_bytes"}
		}
	case ty.IsListType() || ty.IsSetType() || ty.IsMapType() || ty.IsTupleType() || ty.IsObjectType():
		n := v.LengthInt()
		if n > s.lim.MaxCollectionLength {
			return &limitError{fmt.Sprintf("a collection of %d elements", n), s.lim.MaxCollectionLength, "max_collection_length"}
		}
		s.elems += n
		if s.elems > s.lim.MaxProductSize {
			return &limitError{fmt.Sprintf("a value of more than %d elements in all", s.elems), s.lim.MaxProductSize, "max_product_size"}
		}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if err := s.add(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkValue measures one value against the limits.
func (lim Limits) checkValue(v cty.Value) error {
	s := sizer{lim: lim}
	return s.add(v)
}

// budget is what the for expressions and string templates of one
// expression have used so far.
type budget struct {
	iterations, bytes int
	// spent is set once the expression went over the limits: what it
	// still evaluates is unknown, without another diagnostic.
	spent bool
}

// sizeGuardName is the function that guardExpr wraps around the collection
// of every for expression and the parts of every string template, to charge
// them to the budget of the expression being evaluated.
const sizeGuardName = "attest_size_guard"

// guardExpr rewrites an expression tree in place so that its for
// expressions and templates are charged to the evaluation budget. HCL
// evaluates them without calling back, so this is the one place where their
// cost can be counted before it is paid in full.
//
// A tree guarded already is left as it is, without a write, so that guarding
// a tree that the loads of a scan share (see ParseCache) is safe while they
// read it.
func guardExpr(n hclsyntax.Node) {
	guarded := func(e hclsyntax.Expression) bool {
		fc, ok := e.(*hclsyntax.FunctionCallExpr)
		return ok && fc.Name == sizeGuardName
	}
	wrap := func(e hclsyntax.Expression) hclsyntax.Expression {
		r := e.Range()
		return &hclsyntax.FunctionCallExpr{Name: sizeGuardName, Args: []hclsyntax.Expression{e}, NameRange: r, OpenParenRange: r, CloseParenRange: r}
	}
	hclsyntax.VisitAll(n, func(n hclsyntax.Node) hcl.Diagnostics {
		switch e := n.(type) {
		case *hclsyntax.ForExpr:
			if !guarded(e.CollExpr) {
				e.CollExpr = wrap(e.CollExpr)
			}
		case *hclsyntax.TemplateExpr:
			for i, p := range e.Parts {
				if _, lit := p.(*hclsyntax.LiteralValueExpr); !lit && !guarded(p) {
					e.Parts[i] = wrap(p)
				}
			}
		}
		return nil
	})
}

// sizeGuard is the function guardExpr calls: it passes its argument through,
// charging a collection's length to the iterations and a string's length to
// the bytes of the current evaluation.
func (l *loader) sizeGuard() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true, AllowDynamicType: true}},
		Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			if l.budget.spent {
				return cty.UnknownVal(retType), nil
			}
			if err := l.ctx.Err(); err != nil {
				l.budget.spent = true
				return cty.UnknownVal(retType), err
			}
			v, _ := args[0].Unmark()
			if !v.IsKnown() || v.IsNull() {
				return args[0], nil
			}
			switch ty := v.Type(); {
			case ty == cty.String:
				l.budget.bytes += len(v.AsString())
				if l.budget.bytes > l.limits.MaxValueBytes {
					l.budget.spent = true
					return cty.DynamicVal, &limitError{fmt.Sprintf("strings of more than %d bytes in one expression", l.limits.MaxValueBytes), l.limits.MaxValueBytes, "max_value_bytes"}
				}
			case v.CanIterateElements():
				l.budget.iterations += v.LengthInt()
				if l.budget.iterations > l.limits.MaxIterations {
					l.budget.spent = true
					return cty.DynamicVal, &limitError{fmt.Sprintf("for expressions of more than %d iterations in one expression", l.limits.MaxIterations), l.limits.MaxIterations, "max_iterations"}
				}
			}
			return args[0], nil
		},
	})
}

// selectors are functions whose result is no larger than their arguments:
// they pick, test or convert. Every other function has its arguments and
// result measured.
var selectors = map[string]bool{
	"abs": true, "ceil": true, "floor": true, "log": true, "max": true, "min": true, "pow": true, "signum": true,
	"parseint": true, "chomp": true, "trimspace": true, "trim": true, "trimprefix": true, "trimsuffix": true,
	"substr": true, "coalesce": true, "coalescelist": true, "compact": true, "contains": true, "distinct": true,
	"element": true, "keys": true, "values": true, "reverse": true, "setintersection": true, "setsubtract": true,
	"slice": true, "sort": true, "tobool": true, "tonumber": true, "tostring": true, "tolist": true, "toset": true,
	"tomap": true, "try": true, "can": true, "length": true, "lookup": true, "index": true, "one": true, "sum": true,
	"alltrue": true, "anytrue": true, "startswith": true, "endswith": true, "strcontains": true, "md5": true,
	"sha1": true, "sha256": true, "sha512": true, "base64sha256": true, "base64sha512": true, "basename": true,
	"dirname": true, "cidrhost": true, "cidrnetmask": true, "cidrsubnet": true, "sensitive": true,
	"nonsensitive": true, "timestamp": true, "plantimestamp": true, "uuid": true, "bcrypt": true,
	"fileexists": true, "formatdate": true, "timeadd": true, sizeGuardName: true,
}

// guardFunctions wraps, in place, every function of a module's table that
// can build a value larger than its arguments: its arguments are measured
// and its result estimated before it runs where the growth can be large
// (range, setproduct, join, format, formatlist, indent, replace), and its
// result measured after. It also adds the size guard of guardExpr.
func (l *loader) guardFunctions(fs map[string]function.Function) {
	for name, f := range fs {
		if selectors[name] {
			continue
		}
		fs[name] = l.guardFunction(name, f)
	}
	fs[sizeGuardName] = l.sizeGuard()
}

func (l *loader) guardFunction(name string, f function.Function) function.Function {
	lim := l.limits
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type:        f.ReturnTypeForValues,
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			if l.budget.spent {
				// The expression is over its budget already: build
				// nothing more (a for expression goes on iterating).
				return cty.UnknownVal(retType), nil
			}
			if err := l.ctx.Err(); err != nil {
				// A cancelled load stops inside a long expression too.
				l.budget.spent = true
				return cty.UnknownVal(retType), err
			}
			over := func(err error) (cty.Value, error) {
				l.budget.spent = true // one diagnostic, not one per iteration
				return cty.UnknownVal(retType), err
			}
			s := sizer{lim: lim}
			for _, a := range args {
				if err := s.add(a); err != nil {
					return over(err)
				}
			}
			if err := estimate(name, args, lim); err != nil {
				return over(err)
			}
			v, err := f.Call(args)
			if err != nil {
				return v, err
			}
			if err := lim.checkValue(v); err != nil {
				return over(err)
			}
			return v, nil
		},
	})
}

// estimate refuses a call to a function whose result would be over the
// limits, before the function builds it.
func estimate(name string, args []cty.Value, lim Limits) error {
	for _, a := range args {
		if a, _ := a.Unmark(); !a.IsWhollyKnown() {
			return nil // the result is unknown too
		}
	}
	tooLong := func(n float64) error {
		if n > float64(lim.MaxStringLength) {
			return &limitError{fmt.Sprintf("a string of about %.0f bytes", n), lim.MaxStringLength, "max_string_length"}
		}
		return nil
	}
	str := func(v cty.Value) (string, bool) {
		v, _ = v.Unmark()
		if v.IsNull() || v.Type() != cty.String {
			return "", false
		}
		return v.AsString(), true
	}
	switch name {
	case "range":
		nums := make([]float64, len(args))
		for i, a := range args {
			a, _ = a.Unmark()
			if a.IsNull() || a.Type() != cty.Number {
				return nil
			}
			nums[i], _ = a.AsBigFloat().Float64()
		}
		start, end, step := 0.0, 0.0, 1.0
		switch len(nums) {
		case 1:
			end = nums[0]
		case 2:
			start, end = nums[0], nums[1]
			if end < start {
				step = -1
			}
		case 3:
			start, end, step = nums[0], nums[1], nums[2]
		default:
			return nil
		}
		if step == 0 {
			return nil
		}
		if n := math.Ceil((end - start) / step); n > float64(lim.MaxCollectionLength) {
			return &limitError{fmt.Sprintf("a list of %.0f elements", n), lim.MaxCollectionLength, "max_collection_length"}
		}
	case "setproduct":
		n := 1.0
		for _, a := range args {
			a, _ = a.Unmark()
			if a.IsNull() || !a.CanIterateElements() {
				return nil
			}
			n *= float64(a.LengthInt())
		}
		switch {
		case n > float64(lim.MaxCollectionLength):
			return &limitError{fmt.Sprintf("a product of %.0f elements", n), lim.MaxCollectionLength, "max_collection_length"}
		case n*float64(len(args)) > float64(lim.MaxProductSize):
			return &limitError{fmt.Sprintf("a product of %.0f values", n*float64(len(args))), lim.MaxProductSize, "max_product_size"}
		}
	case "join":
		if len(args) < 2 {
			return nil
		}
		sep, _ := str(args[0])
		total, count := 0.0, 0.0
		for _, a := range args[1:] {
			a, _ = a.Unmark()
			if a.IsNull() || !a.CanIterateElements() {
				return nil
			}
			for it := a.ElementIterator(); it.Next(); {
				_, e := it.Element()
				s, _ := str(e)
				total += float64(len(s))
				count++
			}
		}
		return tooLong(total + float64(len(sep))*count)
	case "format", "formatlist":
		if len(args) == 0 {
			return nil
		}
		spec, ok := str(args[0])
		if !ok {
			return nil
		}
		verbs, width := formatVerbs(spec)
		argBytes, n := 0.0, 1.0
		for _, a := range args[1:] {
			a, _ = a.Unmark()
			if name == "formatlist" && !a.IsNull() && (a.Type().IsListType() || a.Type().IsTupleType()) {
				n = max(n, float64(a.LengthInt()))
			}
			s := sizer{lim: Limits{MaxStringLength: math.MaxInt, MaxCollectionLength: math.MaxInt, MaxProductSize: math.MaxInt, MaxIterations: math.MaxInt, MaxValueBytes: math.MaxInt}}
			_ = s.add(a)
			argBytes += float64(s.bytes + s.elems)
		}
		return tooLong(n*float64(len(spec)+verbs*width) + float64(verbs)*argBytes)
	case "indent":
		if len(args) != 2 {
			return nil
		}
		a, _ := args[0].Unmark()
		s, ok := str(args[1])
		if a.IsNull() || a.Type() != cty.Number || !ok {
			return nil
		}
		spaces, _ := a.AsBigFloat().Float64()
		return tooLong(float64(len(s)) + max(spaces, 0)*float64(strings.Count(s, "\n")+1))
	case "replace":
		if len(args) != 3 {
			return nil
		}
		s, ok1 := str(args[0])
		sub, ok2 := str(args[1])
		rep, ok3 := str(args[2])
		if !ok1 || !ok2 || !ok3 || len(rep) <= len(sub) && sub != "" {
			return nil
		}
		var n int
		switch {
		case len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/':
			re, err := regexp.Compile(sub[1 : len(sub)-1])
			if err != nil {
				return nil // replace reports it
			}
			n = len(re.FindAllStringIndex(s, -1))
		case sub == "":
			n = utf8.RuneCountInString(s) + 1
		default:
			n = strings.Count(s, sub)
		}
		return tooLong(float64(len(s)) + float64(n)*float64(len(rep)))
	}
	return nil
}

// formatVerbs counts the verbs of a format string and returns the largest
// width or precision it asks for.
func formatVerbs(spec string) (verbs, width int) {
	for i := 0; i < len(spec); i++ {
		if spec[i] != '%' {
			continue
		}
		i++
		if i < len(spec) && spec[i] == '%' {
			continue
		}
		verbs++
		for i < len(spec) && !isVerbLetter(spec[i]) {
			if spec[i] >= '0' && spec[i] <= '9' {
				j := i
				for j < len(spec) && spec[j] >= '0' && spec[j] <= '9' {
					j++
				}
				w := 0
				for _, c := range spec[i:j] {
					w = min(w*10+int(c-'0'), math.MaxInt32)
				}
				width = max(width, w)
				i = j
				continue
			}
			i++
		}
	}
	return verbs, width
}

func isVerbLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// limitDiag rewrites the diagnostic HCL gives for a function that failed
// over a limit into one that says so; ok is false for other diagnostics.
func limitDiag(d *hcl.Diagnostic) (summary, detail string, ok bool) {
	extra, isCall := hcl.DiagnosticExtra[hclsyntax.FunctionCallDiagExtra](d)
	if !isCall {
		return "", "", false
	}
	var le *limitError
	if !errors.As(extra.FunctionCallError(), &le) {
		return "", "", false
	}
	if name := extra.CalledFunctionName(); name != sizeGuardName {
		return "value too large", fmt.Sprintf("%s(): %s", name, le), true
	}
	return "value too large", le.Error(), true
}

// guardConfig applies guardExpr to every expression of a module that is
// evaluated with the module's functions.
func guardConfig(cfg *moduleDecl) {
	for _, rb := range cfg.resources {
		guardExpr(rb.body)
	}
	for _, c := range cfg.calls {
		guardExpr(c.body)
	}
	for _, a := range cfg.locals {
		guardExpr(a.Expr)
	}
	for _, a := range cfg.outputs {
		guardExpr(a.Expr)
	}
}

// constValue evaluates a constant expression (a variable default, a tfvars
// value, a module source) within the limits. Like Terraform it offers no
// variables and no functions; only the size guard of guardExpr is there.
// Other syntaxes (tfvars.json) are evaluated without a context, which keeps
// their strings literal.
func (l *loader) constValue(expr hcl.Expression) (cty.Value, hcl.Diagnostics) {
	var ctx *hcl.EvalContext
	if e, ok := expr.(hclsyntax.Expression); ok {
		guardExpr(e)
		ctx = &hcl.EvalContext{Functions: map[string]function.Function{sizeGuardName: l.sizeGuard()}}
	}
	l.budget = budget{}
	v, diags := expr.Value(ctx)
	for i, d := range diags {
		if summary, detail, ok := limitDiag(d); ok {
			diags[i] = &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: d.Subject}
		}
	}
	if diags.HasErrors() {
		return v, diags
	}
	if err := l.limits.checkValue(v); err != nil {
		r := expr.Range()
		return cty.DynamicVal, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "value too large", Detail: err.Error(), Subject: &r})
	}
	return v, diags
}
