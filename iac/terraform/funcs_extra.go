package terraform

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"io/fs"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/apparentlymart/go-cidr/cidr"
	"github.com/bmatcuk/doublestar/v4"
	"github.com/google/uuid"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	"golang.org/x/text/encoding/ianaindex"
)

// addedFunctions adds the Terraform functions that real module code called
// and the loader once lacked.
func addedFunctions(fs map[string]function.Function) {
	fs["cidrsubnets"] = cidrSubnetsFunc
	fs["transpose"] = transposeFunc
	fs["matchkeys"] = matchkeysFunc
	fs["timecmp"] = timecmpFunc
	fs["textencodebase64"] = textEncodeBase64Func
	fs["textdecodebase64"] = textDecodeBase64Func
	fs["uuidv5"] = uuidv5Func
	fs["setsymmetricdifference"] = stdlib.SetSymmetricDifferenceFunc
	fs["base64gzip"] = base64GzipFunc
	fs["ephemeralasnull"] = identityFunc
	fs["issensitive"] = unknownFunc(cty.Bool) // sensitivity is not tracked
	fs["rsadecrypt"] = unknownFunc(cty.String)
}

// fileFunctions adds the functions that read or name files: the file hash
// functions, fileset, abspath and pathexpand. Every file they read goes
// through the tree's readConfigBytes, so they read only inside the scanned
// tree.
func fileFunctions(fs map[string]function.Function, t *tree, rootDir, moduleDir string) {
	read := func(p string) ([]byte, error) { return t.readConfigBytes(rootDir, moduleDir, p) }
	fileHash := func(h func() hash.Hash, enc func([]byte) string) function.Function {
		return stringFunc(func(p string) (string, error) {
			b, err := read(p)
			if err != nil {
				return "", err
			}
			d := h()
			d.Write(b)
			return enc(d.Sum(nil)), nil
		})
	}
	b64 := base64.StdEncoding.EncodeToString
	fs["filemd5"] = fileHash(md5.New, hex.EncodeToString)
	fs["filesha1"] = fileHash(sha1.New, hex.EncodeToString)
	fs["filesha256"] = fileHash(sha256.New, hex.EncodeToString)
	fs["filesha512"] = fileHash(sha512.New, hex.EncodeToString)
	fs["filebase64sha256"] = fileHash(sha256.New, b64)
	fs["filebase64sha512"] = fileHash(sha512.New, b64)
	fs["fileset"] = filesetFunc(t, rootDir, moduleDir)
	fs["abspath"] = stringFunc(func(p string) (string, error) {
		if !filepath.IsAbs(p) {
			abs, err := filepath.Abs(rootDir)
			if err != nil {
				return "", err
			}
			p = filepath.Join(abs, p)
		}
		return filepath.ToSlash(filepath.Clean(p)), nil
	})
	fs["pathexpand"] = pathExpandFunc
}

// pathExpandFunc is pathexpand. A path that starts with ~ names the home
// directory of whoever runs terraform, which the scanned code cannot tell:
// its value is unknown rather than the scanner's own home directory. Other
// paths are returned as they are, as Terraform does.
var pathExpandFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "path", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p := args[0].AsString()
		if strings.HasPrefix(p, "~") {
			return cty.UnknownVal(cty.String), nil
		}
		return cty.StringVal(p), nil
	},
})

// filesetFunc is fileset(path, pattern): the regular files under path whose
// path relative to it matches pattern (with ** for any depth), as a set of
// slash-separated relative paths. path is found the way file() finds a file,
// and only the tree is listed: symbolic links are not followed.
func filesetFunc(t *tree, rootDir, moduleDir string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Set(cty.String)),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			dir, err := t.resolveDir(rootDir, moduleDir, args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.Set(cty.String)), err
			}
			rel, err := t.rel(dir)
			if err != nil {
				return cty.UnknownVal(cty.Set(cty.String)), err
			}
			dirFS, err := fs.Sub(t.root.FS(), filepath.ToSlash(rel))
			if err != nil {
				return cty.UnknownVal(cty.Set(cty.String)), err
			}
			pattern := filepath.ToSlash(args[1].AsString())
			if !doublestar.ValidatePattern(pattern) {
				return cty.UnknownVal(cty.Set(cty.String)), fmt.Errorf("invalid pattern %q", pattern)
			}
			var names []cty.Value
			err = doublestar.GlobWalk(dirFS, pattern, func(p string, d fs.DirEntry) error {
				if d.Type().IsRegular() {
					names = append(names, cty.StringVal(p))
				}
				return nil
			}, doublestar.WithNoFollow())
			if err != nil {
				return cty.UnknownVal(cty.Set(cty.String)), fmt.Errorf("fileset %s: %w", args[0].AsString(), err)
			}
			if len(names) == 0 {
				return cty.SetValEmpty(cty.String), nil
			}
			return cty.SetVal(names), nil
		},
	})
}

// parseCIDR parses a prefix argument of the cidr functions.
func parseCIDR(s string) (*net.IPNet, error) {
	_, n, err := net.ParseCIDR(s)
	if err != nil {
		return nil, fmt.Errorf("invalid CIDR prefix %q: %w", s, err)
	}
	return n, nil
}

// wholeInt reads a number argument that must be a whole number fitting int.
func wholeInt(v cty.Value, name string) (int, error) {
	bf := v.AsBigFloat()
	i, acc := bf.Int64()
	if !bf.IsInt() || acc != 0 || int64(int(i)) != i {
		return 0, fmt.Errorf("%s must be a whole number, not %s", name, bf.String())
	}
	return int(i), nil
}

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		n, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		newbits, err := wholeInt(args[1], "newbits")
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		netnum, _ := args[2].AsBigFloat().Int(nil)
		sub, err := cidr.SubnetBig(n, newbits, netnum)
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(sub.String()), nil
	},
})

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		n, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		hostnum, _ := args[1].AsBigFloat().Int(nil)
		ip, err := cidr.HostBig(n, hostnum)
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(ip.String()), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		n, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if n.IP.To4() == nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("only IPv4 prefixes have a netmask")
		}
		return cty.StringVal(net.IP(n.Mask).String()), nil
	},
})

// cidrSubnetsFunc is cidrsubnets(prefix, newbits...): consecutive subnets of
// prefix, each newbits longer than it, packed in order with each aligned to
// its own size.
var cidrSubnetsFunc = function.New(&function.Spec{
	Params:   []function.Parameter{{Name: "prefix", Type: cty.String}},
	VarParam: &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		n, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.List(cty.String)), err
		}
		if len(args) == 1 {
			return cty.ListValEmpty(cty.String), nil
		}
		base, total := n.Mask.Size()
		out := make([]cty.Value, 0, len(args)-1)
		var cur *net.IPNet
		for i, a := range args[1:] {
			newbits, err := wholeInt(a, "newbits")
			if err != nil {
				return cty.UnknownVal(cty.List(cty.String)), err
			}
			size := base + newbits
			switch {
			case newbits < 1:
				return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("newbits %d (argument %d) must extend the prefix by at least one bit", newbits, i+2)
			case size > total:
				return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("newbits %d (argument %d) makes a /%d prefix, longer than the %d bits of the address", newbits, i+2, size, total)
			}
			if cur == nil {
				// Start just before the prefix, so the first NextSubnet
				// lands on its first address.
				cur, _ = cidr.PreviousSubnet(n, size)
			}
			next, rolled := cidr.NextSubnet(cur, size)
			if rolled || !n.Contains(next.IP) {
				return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("no room left in %s for a /%d subnet after %s", n, size, cur)
			}
			cur = next
			out = append(out, cty.StringVal(cur.String()))
		}
		return cty.ListVal(out), nil
	},
})

// lengthFunc is Terraform's length: the elements of a collection, the
// attributes of an object, the elements of a tuple, or the characters of a
// string. Unlike cty's, it takes objects and strings.
var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true, AllowMarked: true}},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		switch {
		case ty == cty.String, ty == cty.DynamicPseudoType, ty.IsCollectionType(), ty.IsTupleType(), ty.IsObjectType():
			return cty.Number, nil
		}
		return cty.NilType, fmt.Errorf("argument must be a string, a collection or a structural value, not %s", ty.FriendlyName())
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, marks := args[0].Unmark()
		ty := v.Type()
		switch {
		case ty.IsTupleType():
			return cty.NumberIntVal(int64(ty.Length())).WithMarks(marks), nil
		case ty.IsObjectType():
			return cty.NumberIntVal(int64(len(ty.AttributeTypes()))).WithMarks(marks), nil
		case !v.IsKnown():
			return cty.UnknownVal(cty.Number).WithMarks(marks), nil
		case v.IsNull():
			return cty.UnknownVal(cty.Number), fmt.Errorf("argument must not be null")
		case ty == cty.String:
			n, err := stdlib.Strlen(v)
			return n.WithMarks(marks), err
		}
		return v.Length().WithMarks(marks), nil
	},
})

// transposeFunc swaps the keys and values of a map of lists of strings.
var transposeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
	Type:   function.StaticReturnType(cty.Map(cty.List(cty.String))),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		out := map[string][]cty.Value{}
		for it := args[0].ElementIterator(); it.Next(); {
			k, list := it.Element()
			if list.IsNull() {
				return cty.UnknownVal(cty.Map(cty.List(cty.String))), fmt.Errorf("the list for key %q is null", k.AsString())
			}
			for li := list.ElementIterator(); li.Next(); {
				_, v := li.Element()
				if v.IsNull() {
					return cty.UnknownVal(cty.Map(cty.List(cty.String))), fmt.Errorf("the list for key %q holds a null", k.AsString())
				}
				out[v.AsString()] = append(out[v.AsString()], k)
			}
		}
		if len(out) == 0 {
			return cty.MapValEmpty(cty.List(cty.String)), nil
		}
		m := make(map[string]cty.Value, len(out))
		for k, vs := range out {
			m[k] = cty.ListVal(vs)
		}
		return cty.MapVal(m), nil
	},
})

// matchkeysFunc is matchkeys(values, keys, searchset): the elements of
// values whose element at the same index in keys is in searchset.
var matchkeysFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "values", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "keys", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "searchset", Type: cty.List(cty.DynamicPseudoType)},
	},
	Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, ty cty.Type) (cty.Value, error) {
		values, keys, search := args[0], args[1], args[2]
		if values.LengthInt() != keys.LengthInt() {
			return cty.UnknownVal(ty), fmt.Errorf("values and keys must have the same length, not %d and %d", values.LengthInt(), keys.LengthInt())
		}
		if !keys.IsWhollyKnown() || !search.IsWhollyKnown() {
			return cty.UnknownVal(ty), nil
		}
		want := search.AsValueSlice()
		var out []cty.Value
		vals := values.AsValueSlice()
		for i, k := range keys.AsValueSlice() {
			if slices.ContainsFunc(want, func(s cty.Value) bool { return s.RawEquals(k) }) {
				out = append(out, vals[i])
			}
		}
		if len(out) == 0 {
			return cty.ListValEmpty(ty.ElementType()), nil
		}
		return cty.ListVal(out), nil
	},
})

// timecmpFunc compares two RFC 3339 timestamps: -1, 0 or 1.
var timecmpFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "a", Type: cty.String}, {Name: "b", Type: cty.String}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var ts [2]time.Time
		for i := range ts {
			t, err := time.Parse(time.RFC3339, args[i].AsString())
			if err != nil {
				return cty.UnknownVal(cty.Number), fmt.Errorf("timestamp %q is not in RFC 3339 format", args[i].AsString())
			}
			ts[i] = t
		}
		return cty.NumberIntVal(int64(ts[0].Compare(ts[1]))), nil
	},
})

// textEncodeBase64Func encodes a string in a named character encoding and
// then in base64.
var textEncodeBase64Func = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "string", Type: cty.String}, {Name: "encoding", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		enc, err := ianaindex.IANA.Encoding(args[1].AsString())
		if err != nil || enc == nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("%q is not a supported IANA encoding name", args[1].AsString())
		}
		b, err := enc.NewEncoder().Bytes([]byte(args[0].AsString()))
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("encode as %s: %w", args[1].AsString(), err)
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(b)), nil
	},
})

// textDecodeBase64Func decodes base64 and then a named character encoding.
var textDecodeBase64Func = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "source", Type: cty.String}, {Name: "encoding", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		enc, err := ianaindex.IANA.Encoding(args[1].AsString())
		if err != nil || enc == nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("%q is not a supported IANA encoding name", args[1].AsString())
		}
		raw, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("decode base64: %w", err)
		}
		b, err := enc.NewDecoder().Bytes(raw)
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("decode %s: %w", args[1].AsString(), err)
		}
		return cty.StringVal(string(b)), nil
	},
})

// uuidNamespaces are the namespace names uuidv5 accepts besides a UUID.
var uuidNamespaces = map[string]uuid.UUID{
	"dns":  uuid.NameSpaceDNS,
	"url":  uuid.NameSpaceURL,
	"oid":  uuid.NameSpaceOID,
	"x500": uuid.NameSpaceX500,
}

// uuidv5Func is the name-based (SHA-1) UUID of a name in a namespace: unlike
// uuid(), it is the same on every run.
var uuidv5Func = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "namespace", Type: cty.String}, {Name: "name", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		ns, ok := uuidNamespaces[args[0].AsString()]
		if !ok {
			var err error
			if ns, err = uuid.Parse(args[0].AsString()); err != nil {
				return cty.UnknownVal(cty.String), fmt.Errorf("namespace must be dns, url, oid, x500 or a UUID, not %q", args[0].AsString())
			}
		}
		return cty.StringVal(uuid.NewSHA1(ns, []byte(args[1].AsString())).String()), nil
	},
})

// collectionConvFunc is tolist or toset (kind cty.List or cty.Set): cty's
// own, given a list instead of a tuple where that is safe. Converting a
// tuple, cty unifies its element types by comparing every pair of them,
// which is quadratic in the tuple's length: toset() of 20,000 names took
// seconds. Unifying the distinct element types once (almost always one)
// and converting each element to that type gives the same list in linear
// time, which cty then turns into a set or returns as it is.
func collectionConvFunc(kind func(cty.Type) cty.Type) function.Function {
	inner := stdlib.MakeToFunc(kind(cty.DynamicPseudoType))
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "v", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}},
		Type: func(args []cty.Value) (cty.Type, error) {
			return inner.ReturnTypeForValues([]cty.Value{tupleAsList(args[0])})
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return inner.Call([]cty.Value{tupleAsList(args[0])})
		},
	})
}

// tupleAsList gives a known tuple as a list of its elements' unified type,
// or v as it is when that is not simply done (cty then reports what is
// wrong with it).
func tupleAsList(v cty.Value) cty.Value {
	ty := v.Type()
	if !ty.IsTupleType() || !v.IsKnown() || v.IsMarked() || ty.Length() < 2 {
		return v
	}
	var distinct []cty.Type
	seen := map[string]bool{}
	for i, ety := range ty.TupleElementTypes() {
		if i > 0 && ety.Equals(distinct[len(distinct)-1]) {
			continue
		}
		if k := ety.GoString(); !seen[k] {
			seen[k] = true
			distinct = append(distinct, ety)
		}
	}
	ety, _ := convert.UnifyUnsafe(distinct)
	if ety == cty.NilType || ety.HasDynamicTypes() {
		return v
	}
	elems := make([]cty.Value, 0, ty.Length())
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		ce, err := convert.Convert(e, ety)
		if err != nil {
			return v
		}
		elems = append(elems, ce)
	}
	return cty.ListVal(elems)
}

// base64GzipFunc gzips a string and encodes the result in base64.
var base64GzipFunc = stringFunc(func(s string) (string, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		return "", fmt.Errorf("gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return "", fmt.Errorf("gzip: %w", err)
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes()), nil
})
