package detect

import (
	"errors"
	"fmt"
	"path"
	"strings"
)

// parseCondition compiles a Sigma condition over the rule's searches:
// identifiers, and, or, not, parentheses, "1 of pattern", "any of pattern",
// "all of pattern", "1 of them", "all of them". Precedence: not binds
// tightest, then and, then or. Aggregations ("| count() ...") are refused:
// they are correlation rules now.
func parseCondition(s string, searches []search) (node, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	p := &condParser{toks: toks, searches: searches}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.i < len(p.toks) {
		return nil, fmt.Errorf("unexpected %q", p.toks[p.i])
	}
	return n, nil
}

func tokenize(s string) ([]string, error) {
	var toks []string
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(' || c == ')':
			toks = append(toks, string(c))
			i++
		case c == '|':
			return nil, errors.New("aggregations after | are not supported; write a correlation rule")
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\n\r()|", rune(s[j])) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		}
	}
	if len(toks) == 0 {
		return nil, errors.New("empty condition")
	}
	return toks, nil
}

type condParser struct {
	toks     []string
	i        int
	searches []search
	depth    int
}

func (p *condParser) peek() string {
	if p.i < len(p.toks) {
		return strings.ToLower(p.toks[p.i])
	}
	return ""
}

func (p *condParser) or() (node, error) {
	n, err := p.and()
	if err != nil {
		return nil, err
	}
	alts := orNode{n}
	for p.peek() == "or" {
		p.i++
		n, err := p.and()
		if err != nil {
			return nil, err
		}
		alts = append(alts, n)
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return alts, nil
}

func (p *condParser) and() (node, error) {
	n, err := p.not()
	if err != nil {
		return nil, err
	}
	all := andNode{n}
	for p.peek() == "and" {
		p.i++
		n, err := p.not()
		if err != nil {
			return nil, err
		}
		all = append(all, n)
	}
	if len(all) == 1 {
		return all[0], nil
	}
	return all, nil
}

// maxDepth bounds nesting, so that a hostile condition cannot exhaust the
// stack.
const maxDepth = 100

func (p *condParser) not() (node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return nil, errors.New("condition nests too deeply")
	}
	if p.peek() == "not" {
		p.i++
		n, err := p.not()
		if err != nil {
			return nil, err
		}
		return notNode{n}, nil
	}
	return p.primary()
}

func (p *condParser) primary() (node, error) {
	if p.i >= len(p.toks) {
		return nil, errors.New("condition ends early")
	}
	tok := p.toks[p.i]
	p.i++
	switch low := strings.ToLower(tok); {
	case tok == "(":
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, errors.New("missing )")
		}
		p.i++
		return n, nil
	case tok == ")", low == "and", low == "or", low == "of":
		return nil, fmt.Errorf("unexpected %q", tok)
	case (low == "1" || low == "any" || low == "all") && strings.ToLower(p.peekAt(0)) == "of":
		p.i++
		if p.i >= len(p.toks) {
			return nil, fmt.Errorf("%s of what?", tok)
		}
		pat := p.toks[p.i]
		p.i++
		var picked []node
		for _, s := range p.searches {
			if pat == "them" {
				if !strings.HasPrefix(s.name, "_") {
					picked = append(picked, s.node)
				}
				continue
			}
			if ok, err := path.Match(pat, s.name); err != nil {
				return nil, fmt.Errorf("pattern %q: %v", pat, err)
			} else if ok {
				picked = append(picked, s.node)
			}
		}
		if len(picked) == 0 {
			return nil, fmt.Errorf("%q names no search", pat)
		}
		if low == "all" {
			return andNode(picked), nil
		}
		return orNode(picked), nil
	}
	for _, s := range p.searches {
		if s.name == tok {
			return s.node, nil
		}
	}
	return nil, fmt.Errorf("no search named %q", tok)
}

func (p *condParser) peekAt(k int) string {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k]
	}
	return ""
}
