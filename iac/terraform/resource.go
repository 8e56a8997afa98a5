package terraform

import (
	"github.com/attest-dev/attest"
	"github.com/zclconf/go-cty/cty"
)

// idArgument names, for resource types whose id is one of their arguments,
// that argument: aws_s3_bucket.x.id is the bucket name. This is the only
// provider knowledge the loader keeps; a type not listed has an unknown id.
var idArgument = map[string]string{
	"aws_s3_bucket":            "bucket",
	"aws_s3_bucket_policy":     "bucket",
	"aws_s3_bucket_versioning": "bucket",
	"aws_s3_bucket_server_side_encryption_configuration": "bucket",
	"aws_s3_bucket_public_access_block":                  "bucket",
	"aws_s3_bucket_logging":                              "bucket",
	"aws_s3_bucket_acl":                                  "bucket",
	"aws_s3_bucket_ownership_controls":                   "bucket",
	"aws_iam_role":                                       "name",
	"aws_iam_user":                                       "name",
	"aws_iam_group":                                      "name",
	"aws_cloudwatch_log_group":                           "name",
	"aws_dynamodb_table":                                 "name",
	"aws_eks_cluster":                                    "name",
	"aws_rds_cluster":                                    "cluster_identifier",
	"aws_cloudtrail":                                     "name",
	"aws_ecr_repository":                                 "name",
	"aws_lambda_function":                                "function_name",
	"aws_kms_alias":                                      "name",
}

// resState is the evaluation state of one resource block in one module
// instance.
type resState struct {
	state int8
	exp   *expansion
	// insts are kept only when other expressions refer to the block.
	insts []*instance
	val   cty.Value
}

// instance is one evaluated resource instance.
type instance struct {
	addr string
	body *bodyVal
	refs map[string][]string
	// uncertain: the instance stands in for a count or for_each not known
	// statically, which may make no instance at all.
	uncertain bool
}

// instances evaluates every instance of a resource block once, passing each
// to fn (which may be nil). Instances are kept only when the block is
// referred to; otherwise each is dropped after fn, so memory follows what is
// emitted rather than what is declared.
func (mi *moduleInstance) instances(rb *resourceBlock, fn func(*instance)) (*resState, bool) {
	if mi.real != nil {
		// A frozen view reads the resources real has loaded, which are
		// all of them once its own module calls are being loaded.
		if st := mi.real.res[rb]; st != nil && st.state == stateDone && fn == nil {
			return st, true
		}
		mi.l.spec.fail()
		return nil, false
	}
	st := mi.res[rb]
	if st == nil {
		st = &resState{}
		mi.res[rb] = st
	}
	switch st.state {
	case stateDone:
		if fn != nil {
			for _, in := range st.insts {
				fn(in)
			}
		}
		return st, true
	case stateBusy:
		mi.l.diagf(rb.defRange, "cycle in references", "%s refers back to itself", joinAddr(mi.addr, rb.key))
		return st, false
	}
	st.state = stateBusy
	defer func() { st.state = stateDone }()
	st.exp = mi.expand(rb.count, rb.forEach, joinAddr(mi.addr, rb.key))
	mi.l.addAffected(st.exp.gap, len(st.exp.keys))
	keep := rb.referenced || fn == nil
	if keep {
		st.insts = make([]*instance, 0, len(st.exp.keys))
	}
	for i := range st.exp.keys {
		in := mi.evalInstance(rb, st.exp, i)
		in.uncertain = st.exp.mode == expandUnknown
		if keep {
			st.insts = append(st.insts, in)
		}
		if fn != nil {
			fn(in)
		}
	}
	return st, true
}

func (mi *moduleInstance) evalInstance(rb *resourceBlock, e *expansion, i int) *instance {
	in := &instance{
		addr: joinAddr(mi.addr, rb.key+instanceKey(e.addrKey(i))),
		refs: map[string][]string{},
	}
	in.body = mi.evalBody(rb.body, e.instanceScope(i), true, "", in.refs)
	if rb.mode == "data" && rb.typ == "aws_iam_policy_document" {
		mi.policyDocument(rb, in)
	}
	return in
}

// resourceValue is the value that type.name (or data.type.name) stands for
// in an expression: the instance objects, each marked with its address.
func (mi *moduleInstance) resourceValue(rb *resourceBlock) cty.Value {
	st, ok := mi.instances(rb, nil)
	if !ok {
		return cty.DynamicVal
	}
	if st.val != cty.NilVal {
		return st.val
	}
	if st.exp == nil {
		return cty.DynamicVal
	}
	vals := make([]cty.Value, len(st.insts))
	for i, in := range st.insts {
		attrs := in.body.toCty()
		for name := range rb.wanted {
			if _, set := attrs[name]; set {
				continue
			}
			attrs[name] = cty.DynamicVal
			if arg := idArgument[rb.typ]; name == "id" && arg != "" {
				if v, ok := attrs[arg]; ok {
					attrs[name] = v
				}
			}
		}
		vals[i] = cty.ObjectVal(attrs).Mark(refMark(in.addr))
	}
	v := st.exp.collect(vals)
	if mi.real == nil {
		// A frozen view does not write to real's state.
		st.val = v
	}
	return v
}

// emitResources loads every instance of every resource block of a module
// instance, then of the modules it calls.
func (l *loader) emitResources(mi *moduleInstance) error {
	for _, rb := range mi.cfg.resources {
		if err := l.ctx.Err(); err != nil {
			return err
		}
		mi.instances(rb, func(in *instance) { l.out = append(l.out, mi.toResource(rb, in)) })
		if l.spec != nil && l.spec.failed {
			return nil
		}
	}
	if l.parallel > 1 && l.spec == nil && len(mi.cfg.calls) > 1 {
		return l.emitCalls(mi)
	}
	for _, c := range mi.cfg.calls {
		if err := l.emitCall(mi, c); err != nil {
			return err
		}
	}
	return nil
}

// emitCall loads the resources of every instance of a module call of mi.
func (l *loader) emitCall(mi *moduleInstance, c *moduleCall) error {
	cs := mi.childrenOf(c)
	before := len(l.out)
	for _, ch := range cs.insts {
		if err := l.emitResources(ch); err != nil {
			return err
		}
		if l.spec != nil && l.spec.failed {
			return nil
		}
	}
	if cs.exp != nil {
		// A module loaded once for a count or for_each only apply
		// time knows: everything in it stands in for an unknown
		// number of resources.
		l.addAffected(cs.exp.gap, len(l.out)-before)
	}
	return nil
}

func (mi *moduleInstance) toResource(rb *resourceBlock, in *instance) attest.Resource {
	var unknown []string
	r := attest.Resource{
		Type:        rb.typ,
		Address:     in.addr,
		Mode:        rb.mode,
		Provider:    rb.provider,
		Format:      attest.FormatTerraform,
		Root:        mi.l.root,
		Module:      mi.addr,
		Attributes:  in.body.toGo("", &unknown),
		Range:       rb.rng,
		ModuleCalls: mi.calls,
		Conditional: mi.uncertainAt,
	}
	if in.uncertain {
		r.Conditional = joinAddr(mi.addr, rb.key)
	}
	if len(unknown) > 0 {
		r.Unknown = unknown
	}
	if len(in.refs) > 0 {
		r.Refs = in.refs
	}
	return r
}
