package terraform

import (
	"maps"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// mergeOverride merges the blocks of an override file (override.tf,
// *_override.tf and their .tf.json forms) into the module read so far, the
// way Terraform does: a block overrides the block of the same type and
// labels; an argument replaces the argument of the same name; nested blocks
// of a type replace every nested block of that type (a dynamic block counts
// as a block of its label's type); locals override one by one. A block with
// nothing to override is an error, as it is for Terraform.
func (l *loader) mergeOverride(cfg *moduleDecl, body *hclsyntax.Body) {
	for name, a := range body.Attributes {
		l.diagf(a.NameRange, "unexpected argument", "%q is not allowed at the top level of a module", name)
	}
	for _, b := range body.Blocks {
		switch {
		case (b.Type == "resource" || b.Type == "data") && len(b.Labels) == 2:
			key := b.Labels[0] + "." + b.Labels[1]
			if b.Type == "data" {
				key = "data." + key
			}
			rb := cfg.resIndex[key]
			if rb == nil {
				l.noBase(b, key)
				continue
			}
			rb.body = mergeBody(rb.body, b.Body)
			if a := b.Body.Attributes["count"]; a != nil {
				rb.count, rb.forEach = a.Expr, nil
			}
			if a := b.Body.Attributes["for_each"]; a != nil {
				rb.forEach, rb.count = a.Expr, nil
			}
			if a := b.Body.Attributes["provider"]; a != nil {
				if tr, diags := hcl.AbsTraversalForExpr(a.Expr); !diags.HasErrors() {
					rb.provider = tr.RootName()
				}
			}
		case b.Type == "module" && len(b.Labels) == 1:
			c := cfg.callIndex[b.Labels[0]]
			if c == nil {
				l.noBase(b, "module."+b.Labels[0])
				continue
			}
			c.body = mergeBody(c.body, b.Body)
			if a := b.Body.Attributes["source"]; a != nil {
				v, diags := l.constValue(a.Expr)
				if diags.HasErrors() || v.Type() != cty.String || v.IsNull() || !v.IsKnown() {
					l.diagAt(a.Expr.Range(), "invalid module source", "source must be a literal string")
				} else {
					c.source = v.AsString()
				}
			}
			if a := b.Body.Attributes["count"]; a != nil {
				c.count, c.forEach = a.Expr, nil
			}
			if a := b.Body.Attributes["for_each"]; a != nil {
				c.forEach, c.count = a.Expr, nil
			}
		case b.Type == "variable" && len(b.Labels) == 1:
			v := cfg.variables[b.Labels[0]]
			if v == nil {
				l.noBase(b, "var."+b.Labels[0])
				continue
			}
			// Read the variable again from the merged block, so that
			// a new type converts the old default, as in Terraform.
			merged := *v.block
			merged.Body = mergeBody(v.block.Body, b.Body)
			delete(cfg.variables, v.name)
			cfg.varOrder = slices.DeleteFunc(cfg.varOrder, func(n string) bool { return n == v.name })
			l.readVariable(cfg, &merged)
		case b.Type == "output" && len(b.Labels) == 1:
			if cfg.outputs[b.Labels[0]] == nil {
				l.noBase(b, "output."+b.Labels[0])
				continue
			}
			if a := b.Body.Attributes["value"]; a != nil {
				cfg.outputs[b.Labels[0]] = a
			}
		case b.Type == "locals":
			for name, a := range b.Body.Attributes {
				if cfg.locals[name] == nil {
					l.diagf(a.NameRange, "nothing to override", "override file sets local %q, which no other file of the module declares", name)
					continue
				}
				cfg.locals[name] = a
			}
		}
	}
}

func (l *loader) noBase(b *hclsyntax.Block, what string) {
	l.diagf(b.DefRange(), "nothing to override", "override file declares %s, which no other file of the module declares", what)
}

// mergeBody returns an override block's body merged into a copy of the
// original's. The original is left as it is: it may be a syntax tree that
// other loads share (see ParseCache).
func mergeBody(orig, over *hclsyntax.Body) *hclsyntax.Body {
	merged := *orig
	merged.Attributes = make(hclsyntax.Attributes, len(orig.Attributes)+len(over.Attributes))
	maps.Copy(merged.Attributes, orig.Attributes)
	maps.Copy(merged.Attributes, over.Attributes)
	kind := func(b *hclsyntax.Block) string {
		if b.Type == "dynamic" && len(b.Labels) == 1 {
			return b.Labels[0]
		}
		return b.Type
	}
	replaced := map[string]bool{}
	for _, b := range over.Blocks {
		replaced[kind(b)] = true
	}
	kept := slices.DeleteFunc(slices.Clone(orig.Blocks), func(b *hclsyntax.Block) bool { return replaced[kind(b)] })
	merged.Blocks = append(kept, over.Blocks...)
	return &merged
}
