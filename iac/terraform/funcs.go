package terraform

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	ctyyaml "github.com/zclconf/go-cty-yaml"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// maxFileSize caps what file() and templatefile() read, so that a scanned
// configuration cannot make the loader hold an arbitrarily large file.
const maxFileSize = 4 << 20

// functions returns the Terraform function table for a module. Relative paths
// given to file functions are resolved against the root module directory (as
// Terraform does, its working directory) and then against the module's own
// directory; only files inside t are read.
func functions(t *tree, rootDir, moduleDir string) map[string]function.Function {
	fs := map[string]function.Function{
		"abs":             stdlib.AbsoluteFunc,
		"ceil":            stdlib.CeilFunc,
		"floor":           stdlib.FloorFunc,
		"log":             stdlib.LogFunc,
		"max":             stdlib.MaxFunc,
		"min":             stdlib.MinFunc,
		"pow":             stdlib.PowFunc,
		"signum":          stdlib.SignumFunc,
		"parseint":        stdlib.ParseIntFunc,
		"chomp":           stdlib.ChompFunc,
		"format":          stdlib.FormatFunc,
		"formatlist":      stdlib.FormatListFunc,
		"indent":          stdlib.IndentFunc,
		"join":            stdlib.JoinFunc,
		"lower":           stdlib.LowerFunc,
		"upper":           stdlib.UpperFunc,
		"regex":           stdlib.RegexFunc,
		"regexall":        stdlib.RegexAllFunc,
		"split":           stdlib.SplitFunc,
		"strrev":          stdlib.ReverseFunc,
		"substr":          stdlib.SubstrFunc,
		"title":           stdlib.TitleFunc,
		"trimspace":       stdlib.TrimSpaceFunc,
		"trim":            stdlib.TrimFunc,
		"trimprefix":      stdlib.TrimPrefixFunc,
		"trimsuffix":      stdlib.TrimSuffixFunc,
		"chunklist":       stdlib.ChunklistFunc,
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          stdlib.ConcatFunc,
		"contains":        stdlib.ContainsFunc,
		"distinct":        stdlib.DistinctFunc,
		"element":         stdlib.ElementFunc,
		"flatten":         stdlib.FlattenFunc,
		"keys":            stdlib.KeysFunc,
		"merge":           stdlib.MergeFunc,
		"range":           stdlib.RangeFunc,
		"reverse":         stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc,
		"setproduct":      stdlib.SetProductFunc,
		"setsubtract":     stdlib.SetSubtractFunc,
		"setunion":        stdlib.SetUnionFunc,
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"values":          stdlib.ValuesFunc,
		"zipmap":          stdlib.ZipmapFunc,
		"jsonencode":      jsonEncodeFunc,
		"jsondecode":      stdlib.JSONDecodeFunc,
		"csvdecode":       stdlib.CSVDecodeFunc,
		"formatdate":      stdlib.FormatDateFunc,
		"timeadd":         stdlib.TimeAddFunc,
		"tobool":          stdlib.MakeToFunc(cty.Bool),
		"tonumber":        stdlib.MakeToFunc(cty.Number),
		"tostring":        stdlib.MakeToFunc(cty.String),
		"tolist":          collectionConvFunc(cty.List),
		"toset":           collectionConvFunc(cty.Set),
		"tomap":           stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try":             tryfunc.TryFunc,
		"can":             tryfunc.CanFunc,
		"length":          lengthFunc,
		"lookup":          lookupFunc,
		"coalesce":        coalesceFunc,
		"replace":         replaceFunc,
		"index":           indexFunc,
		"one":             oneFunc,
		"sum":             sumFunc,
		"alltrue":         allTrueFunc,
		"anytrue":         anyTrueFunc,
		"startswith":      stringPredicate(strings.HasPrefix),
		"endswith":        stringPredicate(strings.HasSuffix),
		"strcontains":     stringPredicate(strings.Contains),
		"base64encode":    stringFunc(func(s string) (string, error) { return base64.StdEncoding.EncodeToString([]byte(s)), nil }),
		"base64decode":    stringFunc(base64Decode),
		"urlencode":       stringFunc(func(s string) (string, error) { return url.QueryEscape(s), nil }),
		"md5":             hashFunc(md5.New, hex.EncodeToString),
		"sha1":            hashFunc(sha1.New, hex.EncodeToString),
		"sha256":          hashFunc(sha256.New, hex.EncodeToString),
		"sha512":          hashFunc(sha512.New, hex.EncodeToString),
		"base64sha256":    hashFunc(sha256.New, base64.StdEncoding.EncodeToString),
		"base64sha512":    hashFunc(sha512.New, base64.StdEncoding.EncodeToString),
		"basename":        stringFunc(func(s string) (string, error) { return filepath.Base(s), nil }),
		"dirname":         stringFunc(func(s string) (string, error) { return filepath.Dir(s), nil }),
		"cidrsubnet":      cidrSubnetFunc,
		"cidrhost":        cidrHostFunc,
		"cidrnetmask":     cidrNetmaskFunc,
		"yamlencode":      ctyyaml.YAMLEncodeFunc,
		"yamldecode":      ctyyaml.YAMLDecodeFunc,
		"sensitive":       identityFunc,
		"nonsensitive":    identityFunc,
		"timestamp":       unknownFunc(cty.String),
		"plantimestamp":   unknownFunc(cty.String),
		"uuid":            unknownFunc(cty.String),
		"bcrypt":          unknownFunc(cty.String),
	}
	read := func(p string) (string, error) { return t.readConfigFile(rootDir, moduleDir, p) }
	fs["file"] = stringFunc(read)
	fs["filebase64"] = stringFunc(func(p string) (string, error) {
		s, err := read(p)
		return base64.StdEncoding.EncodeToString([]byte(s)), err
	})
	fs["fileexists"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			_, err := t.resolve(rootDir, moduleDir, args[0].AsString())
			var out *outsideError
			if errors.As(err, &out) {
				return cty.UnknownVal(cty.Bool), err
			}
			return cty.BoolVal(err == nil), nil
		},
	})
	addedFunctions(fs)
	fileFunctions(fs, t, rootDir, moduleDir)
	fs["templatefile"] = templateFileFunc(read, fs)
	return fs
}

// resolve finds a file named in configuration: absolute paths as they are,
// relative ones against the root module directory, then the module's. A
// path outside the tree is an *outsideError, even when it does not exist, so
// that a configuration cannot probe the host's files.
func (t *tree) resolve(rootDir, moduleDir, p string) (string, error) {
	return t.find(rootDir, moduleDir, p, false)
}

// resolveDir finds a directory named in configuration (fileset's path) the
// way resolve finds a file.
func (t *tree) resolveDir(rootDir, moduleDir, p string) (string, error) {
	return t.find(rootDir, moduleDir, p, true)
}

// find looks for p as resolve describes, wanting a directory or a regular
// file.
func (t *tree) find(rootDir, moduleDir, p string, dir bool) (string, error) {
	cands := []string{p}
	if !filepath.IsAbs(p) {
		cands = []string{filepath.Join(rootDir, p), filepath.Join(moduleDir, p)}
	}
	var refused error
	for _, c := range cands {
		fi, err := t.stat(c)
		var out *outsideError
		switch {
		case errors.As(err, &out):
			if refused == nil {
				out.path = p
				refused = out
			}
		case err != nil:
		case dir && fi.IsDir():
			return c, nil
		case dir:
		case !fi.Mode().IsRegular():
			return "", fmt.Errorf("%s is not a regular file", p)
		default:
			return c, nil
		}
	}
	if refused != nil {
		return "", refused
	}
	kind := "file"
	if dir {
		kind = "directory"
	}
	return "", fmt.Errorf("no %s %s in %s or %s", kind, p, rootDir, moduleDir)
}

// readConfigBytes reads a file that a file function names, at most
// maxFileSize bytes, from the tree. Every function that reads file contents
// goes through it.
func (t *tree) readConfigBytes(rootDir, moduleDir, p string) ([]byte, error) {
	name, err := t.resolve(rootDir, moduleDir, p)
	if err != nil {
		return nil, err
	}
	b, err := t.readFile(name, maxFileSize)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	return b, nil
}

// readConfigFile reads a file that a file function names, as UTF-8 text of
// at most maxFileSize bytes.
func (t *tree) readConfigFile(rootDir, moduleDir, p string) (string, error) {
	b, err := t.readConfigBytes(rootDir, moduleDir, p)
	if err != nil {
		return "", err
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("read %s: not valid UTF-8", p)
	}
	return string(b), nil
}

func stringFunc(fn func(string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := fn(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(s), nil
		},
	})
}

func stringPredicate(fn func(s, sub string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "sub", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(fn(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

func hashFunc(h func() hash.Hash, enc func([]byte) string) function.Function {
	return stringFunc(func(s string) (string, error) {
		d := h()
		d.Write([]byte(s))
		return enc(d.Sum(nil)), nil
	})
}

func base64Decode(s string) (string, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return "", fmt.Errorf("decode base64: %w", err)
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("decoded base64 is not valid UTF-8")
	}
	return string(b), nil
}

// unknownFunc is a function whose result is not known before apply.
func unknownFunc(ty cty.Type) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true},
		Type:     function.StaticReturnType(ty),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.UnknownVal(ty), nil
		},
	})
}

var identityFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true, AllowDynamicType: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})

// lookupFunc is Terraform's lookup, whose default argument is optional.
var lookupFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "inputMap", Type: cty.DynamicPseudoType},
		{Name: "key", Type: cty.String},
	},
	// The default may be a bare null, whose type is dynamic: without
	// AllowDynamicType cty would skip the call and make the result unknown.
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		if len(args) > 3 {
			return cty.NilType, fmt.Errorf("lookup takes at most three arguments")
		}
		return cty.DynamicPseudoType, nil
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		m, key := args[0], args[1].AsString()
		if m.Type().IsObjectType() && m.Type().HasAttribute(key) || m.Type().IsMapType() && m.HasIndex(args[1]).True() {
			if m.Type().IsObjectType() {
				return m.GetAttr(key), nil
			}
			return m.Index(args[1]), nil
		}
		if len(args) == 3 {
			return args[2], nil
		}
		return cty.DynamicVal, fmt.Errorf("lookup failed to find key %q", key)
	},
})

// coalesceFunc is Terraform's coalesce: the first argument that is neither
// null nor an empty string.
var coalesceFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		tys := make([]cty.Type, len(args))
		for i, a := range args {
			tys[i] = a.Type()
		}
		ty, _ := convert.UnifyUnsafe(tys)
		if ty == cty.NilType {
			return cty.NilType, fmt.Errorf("all arguments must have the same type")
		}
		return ty, nil
	},
	Impl: func(args []cty.Value, ty cty.Type) (cty.Value, error) {
		for _, a := range args {
			if !a.IsKnown() {
				return cty.UnknownVal(ty), nil
			}
			if a.IsNull() {
				continue
			}
			v, err := convert.Convert(a, ty)
			if err != nil {
				return cty.UnknownVal(ty), err
			}
			if v.Type() == cty.String && v.AsString() == "" {
				continue
			}
			return v, nil
		}
		return cty.NilVal, fmt.Errorf("no non-null, non-empty-string arguments")
	},
})

// replaceFunc is Terraform's replace: a substring wrapped in slashes is a
// regular expression.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		s, sub, rep := args[0].AsString(), args[1].AsString(), args[2].AsString()
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			re, err := regexp.Compile(sub[1 : len(sub)-1])
			if err != nil {
				return cty.UnknownVal(cty.String), fmt.Errorf("compile %s: %w", sub, err)
			}
			return cty.StringVal(re.ReplaceAllString(s, rep)), nil
		}
		return cty.StringVal(strings.ReplaceAll(s, sub, rep)), nil
	},
})

var indexFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}, {Name: "value", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		l := args[0]
		if !l.Type().IsListType() && !l.Type().IsTupleType() {
			return cty.NilVal, fmt.Errorf("argument must be a list or tuple")
		}
		i := 0
		for it := l.ElementIterator(); it.Next(); i++ {
			_, e := it.Element()
			eq, err := stdlib.Equal(e, args[1])
			if err != nil {
				return cty.NilVal, err
			}
			if !eq.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			if eq.True() {
				return cty.NumberIntVal(int64(i)), nil
			}
		}
		return cty.NilVal, fmt.Errorf("item not found")
	},
})

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   func([]cty.Value) (cty.Type, error) { return cty.DynamicPseudoType, nil },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		l := args[0]
		if !l.CanIterateElements() || l.Type().IsMapType() || l.Type().IsObjectType() {
			return cty.NilVal, fmt.Errorf("argument must be a list, tuple or set")
		}
		switch l.LengthInt() {
		case 0:
			return cty.NullVal(cty.DynamicPseudoType), nil
		case 1:
			it := l.ElementIterator()
			it.Next()
			_, v := it.Element()
			return v, nil
		}
		return cty.NilVal, fmt.Errorf("must be a list, set, or tuple value with either zero or one elements")
	},
})

var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		l := args[0]
		if !l.CanIterateElements() || l.LengthInt() == 0 {
			return cty.NilVal, fmt.Errorf("argument must be a non-empty list, set or tuple of numbers")
		}
		total := cty.Zero
		for it := l.ElementIterator(); it.Next(); {
			_, e := it.Element()
			n, err := convert.Convert(e, cty.Number)
			if err != nil {
				return cty.NilVal, err
			}
			if !n.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			if n.IsNull() {
				return cty.NilVal, fmt.Errorf("argument holds a null value")
			}
			total = total.Add(n)
		}
		return total, nil
	},
})

func boolFold(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			unknown := false
			for it := args[0].ElementIterator(); it.Next(); {
				_, e := it.Element()
				switch {
				case !e.IsKnown():
					unknown = true
				case e.IsNull():
				case e.True() != all:
					return cty.BoolVal(!all), nil
				}
			}
			if unknown {
				return cty.UnknownVal(cty.Bool), nil
			}
			return cty.BoolVal(all), nil
		},
	})
}

var (
	allTrueFunc = boolFold(true)
	anyTrueFunc = boolFold(false)
)

func templateFileFunc(read func(string) (string, error), fs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   func([]cty.Value) (cty.Type, error) { return cty.DynamicPseudoType, nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			src, err := read(p)
			if err != nil {
				return cty.DynamicVal, err
			}
			vars := args[1]
			if !vars.IsWhollyKnown() {
				return cty.DynamicVal, nil
			}
			if !vars.Type().IsObjectType() && !vars.Type().IsMapType() {
				return cty.DynamicVal, fmt.Errorf("vars must be an object or map")
			}
			expr, diags := hclsyntax.ParseTemplate([]byte(src), p, hcl.Pos{Line: 1, Column: 1, Byte: 0})
			if diags.HasErrors() {
				return cty.DynamicVal, diags
			}
			if _, guarded := fs[sizeGuardName]; guarded {
				guardExpr(expr) // the loader's table counts the template's cost
			}
			inner := make(map[string]function.Function, len(fs))
			for k, f := range fs {
				if k != "templatefile" {
					inner[k] = f
				}
			}
			ctx := &hcl.EvalContext{Variables: vars.AsValueMap(), Functions: inner}
			v, diags := expr.Value(ctx)
			if diags.HasErrors() {
				return cty.DynamicVal, diags
			}
			return v, nil
		},
	})
}

// jsonEncodeFunc is jsonencode that keeps an IAM policy readable when a few of
// its strings are not known statically. Terraform configurations write most
// policies as jsonencode({...}) with a bucket's or a key's computed ARN in
// Resource; with plain jsonencode the whole policy would be unknown and no
// rule could read its Effect or Condition. An unknown value that stands as a
// list element, under Resource, NotResource or a principal kind, or anywhere
// inside a Condition, is written as the placeholder that the policy
// document data source uses; anything else unknown (an Effect, a whole
// statement) still makes the result unknown.
var jsonEncodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true, AllowDynamicType: true}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.IsWhollyKnown() {
			var err error
			v, err = cty.Transform(v, func(p cty.Path, x cty.Value) (cty.Value, error) {
				if x.IsKnown() || !placeholderAllowed(p) {
					return x, nil
				}
				_, marks := x.Unmark()
				return cty.StringVal(unknownPolicyValue).WithMarks(marks), nil
			})
			if err != nil || !v.IsWhollyKnown() {
				_, marks := args[0].UnmarkDeep()
				return cty.UnknownVal(cty.String).WithMarks(marks), nil
			}
		}
		return stdlib.JSONEncodeFunc.Call([]cty.Value{v})
	},
})

// placeholderAllowed reports whether an unknown value at path may be written
// as a placeholder by jsonencode (see jsonEncodeFunc).
func placeholderAllowed(p cty.Path) bool {
	if len(p) == 0 {
		return false
	}
	for _, step := range p {
		if stepKey(step) == "Condition" {
			return true
		}
	}
	if idx, ok := p[len(p)-1].(cty.IndexStep); ok && idx.Key.Type() == cty.Number {
		return true
	}
	switch stepKey(p[len(p)-1]) {
	case "Resource", "NotResource", "AWS", "Service", "Federated", "CanonicalUser":
		return true
	}
	return false
}

func stepKey(step cty.PathStep) string {
	switch s := step.(type) {
	case cty.GetAttrStep:
		return s.Name
	case cty.IndexStep:
		if s.Key.Type() == cty.String && s.Key.IsKnown() {
			return s.Key.AsString()
		}
	}
	return ""
}
